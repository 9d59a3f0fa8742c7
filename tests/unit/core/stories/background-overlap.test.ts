import { describe, expect, it } from 'vitest';
import { type PersonMention, skeleton, storyFeatures } from '../../../../functions/core/stories/features';
import { keyOf } from '../../../../functions/core/text/word-keys';
import { addCounts, LEAD_STEMS, leadingKeys } from '../../../../functions/core/stories/profile';
import { joinsStoryOf } from './join-pair';

interface Article {
  id: string;
  title: string;
  body: string;
  publishedAt: string;
}

/** The article as ingest clusters it: tagged with Viktor Bout wherever his name occurs (in either script). */
function aboutBout(article: Article) {
  const mentions: PersonMention[] = [];
  for (const field of ['title', 'body'] as const) {
    const text = article[field];
    for (const name of ['Viktor Bout', 'Bout', 'Виктор Бут']) {
      for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
        const inLonger = name === 'Bout' && text.slice(Math.max(0, at - 7), at) === 'Viktor ';
        if (!inLonger) mentions.push({ field, start: at, end: at + name.length });
      }
    }
  }
  return { ...article, people: ['viktor-bout'], topics: [], tags: { people: [{ id: 'viktor-bout', mentions }] } };
}

/** A long wire story about the exchange that recounts Bout's arrest and sentence as background. */
const exchange = aboutBout({
  id: 'x1',
  title: 'Viktor Bout flown home to Moscow in prisoner swap for American athlete',
  body: `Russia and the United States swapped prisoners on an airport runway in the Gulf on Thursday, sending Viktor Bout
home to Moscow and an American basketball player back to Texas after months of secret negotiation between the two
governments. Officials from both sides watched as the prisoners crossed the tarmac and boarded separate aircraft. The
White House said mediators from the Emirates and Saudi Arabia had helped close the deal, and the Kremlin called the swap
a humanitarian gesture. Bout's history with American justice goes back many years. Thai police seized him in a luxury
hotel in Bangkok in 2008, in a sting in which undercover agents posed as weapons buyers for Colombian guerrillas. He
fought extradition for two years before he was flown to New York, where a jury convicted him of conspiring to kill
Americans and to supply missiles to a terrorist group; a judge sentenced him to 25 years in 2012. Moscow always called
the case political. His wife and mother met him at the airport in Moscow late on Thursday, state television showed.
Critics in Congress said the swap rewarded hostage diplomacy, and relatives of other Americans held abroad asked when
their turn would come. Analysts said further talks were possible but not imminent.`,
  publishedAt: '2022-12-08T12:00:00Z',
});

const joinsExchange = (later: Parameters<typeof joinsStoryOf>[1]) => joinsStoryOf(exchange, later);

describe('a short article against a long story that recounts other events as background', () => {
  it('a short report of an event the long story only recounts starts a new story', async () => {
    const arrest = aboutBout({
      id: 'x2',
      title: 'Viktor Bout seized in Bangkok hotel',
      body: 'Thai police seized Viktor Bout in a luxury hotel in Bangkok, where undercover agents had posed as weapons buyers for Colombian guerrillas.',
      publishedAt: '2022-12-08T13:00:00Z',
    });
    expect(await joinsExchange(arrest)).toBe(false);
  });

  it('a short rewrite of the long story’s own event still joins it', async () => {
    const rewrite = aboutBout({
      id: 'x3',
      title: 'Bout returns to Moscow in swap for American basketball player',
      body: 'Russia and the United States swapped prisoners on a Gulf runway on Thursday: Viktor Bout flew home to Moscow and the American basketball player to Texas. Emirates and Saudi Arabia mediated, the White House said.',
      publishedAt: '2022-12-08T13:30:00Z',
    });
    expect(await joinsExchange(rewrite)).toBe(true);
  });
});

/** A long story whose lead itself recounts the arrest and the sentence, before what it reports. */
const homecoming = aboutBout({
  id: 'y1',
  title: 'Viktor Bout flown home to Moscow in prisoner swap',
  body: `Viktor Bout, seized by Thai police in a Bangkok hotel in 2008 in a sting by undercover agents and jailed for 25
years in New York, flew home to Moscow on Thursday, after 14 years in custody, when Russia and the United States swapped
prisoners on an airport runway in the Gulf. Officials from both sides watched as the prisoners crossed the tarmac and boarded separate aircraft.
The White House said mediators from the Emirates and Saudi Arabia had helped close the deal, and the Kremlin called the
swap a humanitarian gesture. His wife and mother met him at the airport late on Thursday, state television showed.
Critics in Congress said the swap rewarded hostage diplomacy, and relatives of other Americans held abroad asked when
their turn would come. Analysts said further talks between the two governments were possible but not imminent, and
diplomats declined to say what had been discussed beyond the exchange itself.`,
  publishedAt: '2022-12-08T12:00:00Z',
});

/** A short report of the arrest the long story's lead recounts. */
const seizure = aboutBout({
  id: 'y2',
  title: 'Thai police seize arms dealer in Bangkok hotel sting',
  body: 'Thai police seized Viktor Bout in a Bangkok hotel in a sting by undercover agents, officials said.',
  publishedAt: '2022-12-08T13:00:00Z',
});

/** A short rewrite of the long story's own event. */
const SHORT_REWRITE =
  'Viktor Bout flew home to Moscow on Thursday after Russia and the United States swapped prisoners on a Gulf runway; the Emirates and Saudi Arabia mediated, the White House said.';

/** Whether a short article about Bout, posted hours after the long story, joins it. */
const joinsHomecoming = (title: string, body: string) =>
  joinsStoryOf(homecoming, aboutBout({ id: 'y3', title, body, publishedAt: '2022-12-08T13:30:00Z' }));

describe('an article and a story of very different lengths: their titles must name one event', () => {
  it('a short report of an event a long story recounts in its own lead starts a new story (their titles share nothing)', async () => {
    expect(await joinsStoryOf(homecoming, seizure)).toBe(false);
  });

  it('a long story that recounts a short report’s event in its lead, coming after it, starts a story of its own', async () => {
    expect(await joinsStoryOf({ ...seizure, publishedAt: '2022-12-08T11:00:00Z' }, homecoming)).toBe(false);
  });

  it('a short rewrite whose title names the long story’s event still joins it', async () => {
    const title = 'Bout back in Moscow after prisoner swap in the Gulf';
    expect(await joinsHomecoming(title, SHORT_REWRITE)).toBe(true);
  });

  it('a short rewrite with a blank title joins it as an untitled one does, through the first words of its body', async () => {
    expect(await joinsHomecoming('   ', SHORT_REWRITE)).toBe(true);
  });

  it('a short rewrite whose title gives one of the long story’s figures joins it', async () => {
    const body =
      'Viktor Bout, held for 14 years in Thailand and the United States, was freed on Thursday in a prisoner swap on a Gulf runway and flew home to Moscow.';
    expect(await joinsHomecoming('Bout free after 14 years', body)).toBe(true);
  });

  it('a Russian translation joins through a name of the long story’s title, though its own title says it in other words', async () => {
    const title = 'Виктор Бут вернулся домой после обмена заключёнными';
    const body = 'Виктор Бут прилетел в Москву в четверг после обмена заключёнными между Россией и США в аэропорту в Персидском заливе.';
    expect(await joinsHomecoming(title, body)).toBe(true);
  });

  it('a long rewrite joins a story whose profile is at its cap of stems, though the titles share nothing (that story may be as long)', async () => {
    // Distinct made-up words, each its own stem: the story keeps at most PROFILE_LIMITS.words of them. The
    // rewrite has them in another order (every other word, then the rest), so it is no copy: its shingles differ.
    const syllables = [...'bdfgklmnprstvz'].flatMap((c) => [...'aeiou'].map((v) => c + v));
    const words = Array.from({ length: 250 }, (_, i) => `${syllables[i % 70]}${syllables[Math.floor(i / 70)]}ra`);
    const reordered = [...words.filter((_, i) => i % 2 === 0), ...words.filter((_, i) => i % 2 === 1)];
    const port = (id: string, title: string, text: readonly string[]) => ({
      id,
      title,
      body: `${text.join(' ')} Valparaiso Antofagasta Iquique`,
      publishedAt: '2022-12-08T12:00:00Z',
      people: [],
      topics: [],
    });
    expect(await joinsStoryOf(port('z1', 'Harbour reopens', words.slice(0, 240)), port('z2', 'Ships return', reordered))).toBe(true);
  });
});

describe('an article’s title keys', () => {
  const stem = (word: string) => keyOf(word).slice(0, 6);

  it('are its title’s stems, names and numbers, without the words naming a tracked person', () => {
    const f = storyFeatures(aboutBout({ ...seizure, title: 'Viktor Bout seized in Bangkok with 2 aides' }));
    expect(f.titleKeys).toEqual(new Set(['2', stem('seized'), stem('Bangkok'), skeleton(keyOf('Bangkok')), stem('aides')]));
  });

  it('are read from the first characters of the body when the article has no title, as the story is titled', () => {
    const body = `Thai police seized a Russian in Bangkok. ${'Later words. '.repeat(20)}Helsinki`;
    const f = storyFeatures({ body, publishedAt: seizure.publishedAt, people: [] });
    expect(f.titleKeys.has(stem('police'))).toBe(true);
    expect(f.titleKeys.has(stem('Helsinki'))).toBe(false);
  });

  it('are read from the body too when the title is only white space, as the story is then titled', () => {
    const body = 'Thai police seized a Russian in Bangkok.';
    const untitled = storyFeatures({ body, publishedAt: seizure.publishedAt, people: [] });
    const blank = storyFeatures({ title: ' \t', body, publishedAt: seizure.publishedAt, people: [] });
    expect(blank.titleKeys).toEqual(untitled.titleKeys);
    expect(blank.titleKeys.has(stem('police'))).toBe(true);
  });

  it('are read from the first words of the body, however much white space comes before them', () => {
    const body = 'Thai police seized a Russian in Bangkok.';
    const plain = storyFeatures({ body, publishedAt: seizure.publishedAt, people: [] });
    const indented = storyFeatures({ body: `${' \n'.repeat(70)}${body}`, publishedAt: seizure.publishedAt, people: [] });
    expect(indented.titleKeys).toEqual(plain.titleKeys);
  });
});

describe('a story’s leading stems', () => {
  /** More distinct stems than the lead holds, in text order. */
  const stems = Array.from({ length: LEAD_STEMS + 5 }, (_, i) => `stem${String.fromCharCode(97 + i)}`);

  it('are a one-article story’s first stems in text order: every stem counts once, ties keep the stored order', () => {
    const counts = addCounts({}, stems, 100);
    expect(leadingKeys(counts)).toEqual(stems.slice(0, LEAD_STEMS));
  });

  it('take the stems later articles repeat before the first article’s other stems', () => {
    const first = addCounts({}, stems, 100);
    const repeated = stems.slice(-2);
    const second = addCounts(first, repeated, 100);
    // Listed in the map's order: of the stems counted once the first ones, and the repeated two.
    expect(leadingKeys(second)).toEqual([...stems.slice(0, LEAD_STEMS - 2), ...repeated]);
  });
});
