import { describe, expect, it } from 'vitest';
import { skeleton, storyFeatures } from '../../../../functions/core/stories/features';
import { keyOf } from '../../../../functions/core/text/word-keys';
import { joinsStoryOf, storyIdsOf, untracked } from './join-pair';

const fled = untracked(
  'f1',
  'Anatoly Voronin slips out of house arrest on the eve of his verdict',
  'Anatoly Voronin, the schoolteacher from Kimovsk accused of discrediting the army in class, left the flat where he was held under house arrest during the night, the court in Kimovsk said. His electronic tag was found on the kitchen table. His lawyer Pavel Sidorin learned of it when Voronin did not come to hear his verdict. Voronin, 54, had denied the charge.',
  '2023-04-11T08:00:00Z',
);
const sentenced = untracked(
  's1',
  'Teacher given three years in absentia for remarks in class',
  'A district court sentenced Anatoly Voronin in absentia on Tuesday to three years in a penal colony for remarks about the army he made in class. The judge read out the verdict with his seat empty. The case began when parents of a pupil complained to the police about the schoolteacher.',
  '2023-04-11T11:00:00Z',
);
const sentencedRewrite = untracked(
  's2',
  'Kimovsk court jails absent teacher Anatoly Voronin for three years',
  'Anatoly Voronin was sentenced to three years in a penal colony by the Kimovsk court on Tuesday without being in the room. The judge found the schoolteacher guilty of discrediting the armed forces in remarks to his pupils. His lawyer Pavel Sidorin said the defence would appeal.',
  '2023-04-11T12:30:00Z',
);

describe('people the watchlist does not track, named in full', () => {
  it('counts the words of a name written in full as names only, not shared words or title keys, wherever the article uses them', () => {
    const f = storyFeatures(fled);
    expect(f.names).toContain(skeleton(keyOf('Voronin')));
    expect(f.names).toContain(skeleton(keyOf('Sidorin')));
    // Named in full once ("Anatoly Voronin"), then by surname alone: no occurrence is a shared word.
    expect(f.wordSet.has(keyOf('Voronin').slice(0, 6))).toBe(false);
    expect(f.wordSet.has(keyOf('Anatoly').slice(0, 6))).toBe(false);
    expect(f.titleKeys.has(skeleton(keyOf('Voronin')))).toBe(false);
    // A place named alone is still a name and a word, and the title's other words are its keys.
    expect(f.names).toContain(skeleton(keyOf('Kimovsk')));
    expect(f.wordSet.has(keyOf('Kimovsk').slice(0, 6))).toBe(true);
    expect(f.titleKeys.has(keyOf('arrest').slice(0, 6))).toBe(true);
  });

  it('keeps the words and title keys of a headline in Title Case or capitals: its capitalised words are not a name in full', () => {
    const body = 'Moscow released the journalist in a prisoner swap on Friday, officials said.';
    for (const title of ['Russia Frees Journalist In Prisoner Swap', 'RUSSIA FREES JOURNALIST IN PRISONER SWAP']) {
      const f = storyFeatures(untracked('tc', title, body, '2024-08-01T10:00:00Z'));
      for (const word of ['journalist', 'prisoner', 'swap']) {
        const stem = keyOf(word).slice(0, 6);
        expect(f.wordSet.has(stem), `${title}: ${word} as a word`).toBe(true);
        expect(f.titleKeys.has(stem), `${title}: ${word} as a title key`).toBe(true);
      }
    }
  });

  it('takes every case form of a short Russian name written in full out of the words, not only the last one read', () => {
    // "Мурза", "Мурзу", "Мурзе" give three stems but one name: each form is the name, never a shared word.
    const f = storyFeatures(
      untracked(
        'r1',
        'Кара-Мурза вышел на свободу',
        'Владимира Кара-Мурзу освободили из колонии в понедельник. Кара-Мурзе вернули паспорт.',
        '2024-08-01T08:00:00Z',
      ),
    );
    expect(f.names).toContain(skeleton(keyOf('Мурз')));
    for (const form of ['Мурза', 'Мурзу', 'Мурзе']) {
      const stem = keyOf(form).slice(0, 6);
      expect(f.wordSet.has(stem)).toBe(false);
      expect(f.titleKeys.has(stem)).toBe(false);
    }
    expect(f.titleKeys.has(keyOf('свободу').slice(0, 6))).toBe(true);
  });

  it('keeps a report of another event about the same person hours later in a story of its own', async () => {
    expect(await joinsStoryOf(fled, sentenced)).toBe(false);
  });

  it("still joins another outlet's rewrite of the same event to its story", async () => {
    expect(await joinsStoryOf(sentenced, sentencedRewrite)).toBe(true);
  });
});

describe('names whose word key is a stop word', () => {
  it('takes a capitalised word for a name when its key folds to a stop word but the word as written is none ("Beijing", "being")', () => {
    expect(keyOf('Beijing')).toBe(keyOf('being'));
    const f = storyFeatures(
      untracked(
        'b1',
        'Talks in Beijing',
        'Envoys met in Beijing on Monday. Being careful, neither side spoke of a deal.',
        '2023-04-11T08:00:00Z',
      ),
    );
    expect(f.names).toContain(skeleton(keyOf('Beijing')));
    expect(f.titleKeys.has(skeleton(keyOf('Beijing')))).toBe(true);
    // The stop word itself, capitalised at a sentence's start, is still neither a name nor a word.
    const g = storyFeatures(untracked('b2', 'Talks', 'Being careful, neither side spoke of a deal.', '2023-04-11T08:00:00Z'));
    expect(g.names).not.toContain(skeleton(keyOf('being')));
    expect(g.wordSet.has(keyOf('being'))).toBe(false);
  });

  it("joins a rewrite whose title shares only an untracked person's name with the story, after copies and a translation made it long", async () => {
    // The story holds a copy and a Russian translation when the rewrite comes: twice its stems, so the titles must meet.
    const original = {
      id: 'o',
      title: 'Trevor Reed freed by Russia in exchange for pilot Konstantin Yaroshenko',
      body: 'Former US Marine Trevor Reed has been released by Russia in a prisoner exchange for Russian pilot Konstantin Yaroshenko, who was serving a 20-year sentence in the US for drug smuggling. The swap took place at an airport in Turkey, officials said. Reed had been jailed in 2019 after a drunken altercation with police in Moscow.',
      publishedAt: '2022-04-27T10:00:00Z',
      people: ['konstantin-yaroshenko'],
      topics: [],
    };
    const copy = { ...original, id: 'c', publishedAt: '2022-04-27T11:00:00Z' };
    const translation = {
      ...original,
      id: 'ru',
      title: 'Константин Ярошенко вернулся в Россию после обмена на Тревора Рида',
      body: 'Российский летчик Константин Ярошенко, отбывавший в США 20-летний срок за контрабанду наркотиков, освобожден в результате обмена на бывшего морского пехотинца Тревора Рида. Обмен прошел в аэропорту Турции. Рид был осужден в Москве в 2020 году за нападение на полицейских.',
      publishedAt: '2022-04-27T12:00:00Z',
    };
    const rewrite = {
      ...original,
      id: 'rw',
      title: 'Ex-Marine Trevor Reed heads home after Moscow-Washington prisoner trade',
      body: "Trevor Reed, a former Marine held in Russia since 2019, was on his way home after the United States and Russia carried out a prisoner trade in Turkey. In return Washington handed over Konstantin Yaroshenko, a Russian pilot convicted in 2011 of conspiring to smuggle cocaine. Reed's parents said they were overjoyed.",
      publishedAt: '2022-04-27T13:00:00Z',
    };

    const ids = await storyIdsOf([original, copy, translation, rewrite]);

    expect(new Set(ids).size).toBe(1);
  });
});
