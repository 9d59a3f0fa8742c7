import { describe, expect, it } from 'vitest';
import { createTagger } from '../../../../functions/core/tagger';
import { defaultWatchlist, type PersonEntry, type Watchlist } from '../../../../functions/core/watchlist';

const watch = (...people: PersonEntry[]): Watchlist => ({ people, topics: [] });
const seedPeople = createTagger(defaultWatchlist);
const idsIn = (body: string, title?: string, tagger = seedPeople) => tagger.tag({ title, body }).people.map((p) => p.id);
const textsIn = (body: string, tagger = seedPeople) => tagger.tag({ body }).people.flatMap((p) => p.mentions.map((m) => m.text));

const griner = { id: 'brittney-griner', name: 'Brittney Griner' };
const karaMurza = { id: 'vladimir-kara-murza', name: 'Vladimir Kara-Murza' };
const whelan = { id: 'paul-whelan', name: 'Paul Whelan' };
const reed = { id: 'trevor-reed', name: 'Trevor Reed' };

describe('people matching', () => {
  it('finds a full name case-insensitively, with UTF-16 offsets into the original field', () => {
    const body = 'Talks on viktor bout continued.';
    const result = seedPeople.tag({ body });
    expect(result.people).toEqual([{ id: 'viktor-bout', mentions: [{ field: 'body', start: 9, end: 20, text: 'viktor bout' }] }]);
  });

  it('never matches a name inside another word', () => {
    expect(idsIn('Viktor Boutique opened. Talk about Viktorbout.')).toEqual([]);
  });

  it('finds names in an all-caps headline and reports the title field', () => {
    const result = seedPeople.tag({ title: 'RUSSIA SEEKS RELEASE OF VIKTOR BOUT', body: 'Nothing else.' });
    expect(result.people[0]?.mentions).toEqual([{ field: 'title', start: 24, end: 35, text: 'VIKTOR BOUT' }]);
  });

  it('finds a name broken across a line break', () => {
    expect(textsIn('Deputy minister Sergei\nRyabkov said so.')).toEqual(['Sergei\nRyabkov']);
    expect(textsIn('Deputy minister Sergei\r\nRyabkov said so.')).toEqual(['Sergei\r\nRyabkov']);
  });

  it('does not join two words across a blank line (a paragraph ends between them)', () => {
    const tagger = createTagger(watch({ id: 'trevor-reed', name: 'Trevor Reed', surnameRule: 'never' }));

    for (const gap of ['\n\n', '\n \n ', '\r\n\r\n', '\r\r'])
      expect(textsIn(`Coach Trevor${gap}Reed scored.`, tagger), JSON.stringify(gap)).toEqual([]);
  });

  it('finds possessives with straight and curly apostrophes', () => {
    const tagger = createTagger(watch(griner));
    expect(textsIn("Brittney Griner’s lawyers and Brittney Griner's coach.", tagger)).toEqual(['Brittney Griner', 'Brittney Griner']);
  });

  it('matches compound names written with a hyphen, an en dash or a space', () => {
    const tagger = createTagger(watch(karaMurza));
    const texts = textsIn('Vladimir Kara-Murza, Vladimir Kara–Murza and Vladimir Kara Murza.', tagger);
    expect(texts).toEqual(['Vladimir Kara-Murza', 'Vladimir Kara–Murza', 'Vladimir Kara Murza']);
  });

  it('folds diacritics and compatibility forms but reports the original text', () => {
    const tagger = createTagger(watch({ id: 'pablo-gonzalez', name: 'Pablo González' }));
    const body = 'PABLO GONZALEZ and Pablo Gonza\u0301lez and Ｐａｂｌｏ Ｇｏｎｚáｌｅｚ.';
    expect(textsIn(body, tagger)).toEqual(['PABLO GONZALEZ', 'Pablo Gonza\u0301lez', 'Ｐａｂｌｏ Ｇｏｎｚáｌｅｚ']);
  });

  it('matches German umlauts written as oe', () => {
    const tagger = createTagger(watch({ id: 'patrick-schobel', name: 'Patrick Schöbel' }));
    expect(idsIn('Patrick Schoebel was detained.', undefined, tagger)).toEqual(['patrick-schobel']);
  });

  it('finds an epithet alias', () => {
    expect(idsIn('The so-called Merchant of Death was convicted.')).toEqual(['viktor-bout']);
  });
});

describe('surnames on their own', () => {
  it('counts a surname once the person is established in the article', () => {
    expect(textsIn('Viktor Bout was convicted. Lawyers for Bout said they would appeal.')).toEqual(['Viktor Bout', 'Bout']);
  });

  it('counts a distinctive surname alone', () => {
    expect(idsIn('Ryabkov said Moscow was ready to talk.')).toEqual(['sergei-ryabkov']);
  });

  it('does not count a surname that is also a common word when the person is not established', () => {
    expect(idsIn('Bout of flu keeps minister at home. A bout of flu is no excuse.')).toEqual([]);
  });

  it('does not count the lower-case word even when the person is established', () => {
    expect(textsIn('Viktor Bout had a bout of flu.')).toEqual(['Viktor Bout']);
  });

  it('does not count a surname that belongs to another person’s name', () => {
    const tagger = createTagger(watch(reed, whelan));
    expect(idsIn('Lou Reed sang. Reed Hastings spoke.', undefined, tagger)).toEqual([]);
    expect(idsIn('Kevin Whelan scored twice. Whelan said he was pleased.', undefined, tagger)).toEqual([]);
  });

  it('counts a surname after a title such as Mr or Minister', () => {
    expect(idsIn('Deputy Foreign Minister Ryabkov said so. Mr Yaroshenko agreed.')).toEqual(['konstantin-yaroshenko', 'sergei-ryabkov']);
  });

  it('counts a common surname only in an article that names the person in full', () => {
    const tagger = createTagger(watch(whelan));
    expect(idsIn('Whelan remains in a labour camp.', undefined, tagger)).toEqual([]);
    expect(textsIn('Paul Whelan was sentenced. Whelan remains in a labour camp.', tagger)).toEqual(['Paul Whelan', 'Whelan']);
  });

  it('lets a person be configured to need the full name', () => {
    const tagger = createTagger(watch({ id: 'sergei-ryabkov', name: 'Sergei Ryabkov', surnameRule: 'established' }));
    expect(idsIn('Ryabkov said Moscow was ready to talk.', undefined, tagger)).toEqual([]);
  });

  it('lets a person be configured never to match by surname', () => {
    const tagger = createTagger(watch({ id: 'viktor-bout', name: 'Viktor Bout', surnameRule: 'never' }));
    expect(textsIn('Viktor Bout was convicted. Bout appealed.', tagger)).toEqual(['Viktor Bout']);
  });
});

describe('introduced surnames', () => {
  it.each([
    ['an initial', 'V. Bout, the Russian arms dealer, said he would run for office.', 'V. Bout'],
    ['a middle initial', 'Viktor A. Bout, 55, was met by his wife.', 'Viktor A. Bout'],
    ['a patronymic', 'Viktor Anatolyevich Bout, 55, was met by his wife.', 'Viktor Anatolyevich Bout'],
    ['a Russian patronymic, inflected', 'Суд оправдал Виктора Анатольевича Бута.', 'Виктора Анатольевича Бута'],
    ['a Russian initial', 'В. Бут заявил журналистам, что рад вернуться.', 'В. Бут'],
  ])('count an ambiguous surname introduced by %s as the person', (_, body, text) => {
    expect(textsIn(body)).toEqual([text]);
  });

  it('counts a courtesy title before a surname that is only ambiguous as a word ("Mr. Bout")', () => {
    expect(idsIn('The court heard that Mr. Bout had never been to Colombia.')).toEqual(['viktor-bout']);
  });

  it('does not let a title or another initial settle a surname that is a common name', () => {
    const tagger = createTagger(watch(whelan, reed));
    expect(idsIn('Mr. Whelan and K. Reed met Mr. Reed in Dublin.', undefined, tagger)).toEqual([]);
  });

  it("reads someone else's initial before a distinctive surname as another person", () => {
    const tagger = createTagger(watch({ id: 'vadim-krasikov', name: 'Vadim Krasikov' }));
    expect(idsIn('Глава района А. Красиков открыл школу. Красиков поблагодарил строителей.', undefined, tagger)).toEqual([]);
  });

  it('does not take the initial of a word of an epithet alias ("Merchant of Death") for his: D. Bout is someone else', () => {
    expect(idsIn('Engineer D. Bout spoke. M. Bout agreed, and O. Bout left.')).toEqual([]);
    expect(idsIn('Инженер Д. Бут рассказал о проекте.')).toEqual([]);
    expect(textsIn('V. Bout spoke; the Merchant of Death smiled.')).toEqual(['V. Bout', 'Merchant of Death']);
  });

  it('does not read another surname with -ов as an inflection (Бутов is not Бут)', () => {
    expect(idsIn('Директор Виктор Бутов заявил, что Бутова в списке нет.')).toEqual([]);
  });
});

describe('Cyrillic and transliteration', () => {
  it('finds a Latin surname in the spellings English copy also uses: -ev as -yov, -ik as -ick, in full and alone', () => {
    const tagger = createTagger(
      watch({ id: 'roman-seleznev', name: 'Roman Seleznev' }, { id: 'alexander-vinnik', name: 'Alexander Vinnik' }),
    );

    expect(textsIn('Roman Seleznyov was freed. Seleznyov thanked his father.', tagger)).toEqual(['Roman Seleznyov', 'Seleznyov']);
    expect(textsIn('Alexander Vinnick was freed. Vinnick flew home.', tagger)).toEqual(['Alexander Vinnick', 'Vinnick']);
    expect(idsIn('A quick trick, a nick in the wood.', undefined, tagger)).toEqual([]);
  });

  it('finds inflected Russian forms of a Cyrillic alias', () => {
    const body = 'Виктор Бут. Адвокат Виктора Бута. Письмо Виктору Буту. Встреча с Бутом.';
    expect(textsIn(body)).toEqual(['Виктор Бут', 'Виктора Бута', 'Виктору Буту', 'Бутом']);
  });

  it('finds a Latin-only name written in Cyrillic, inflected', () => {
    const tagger = createTagger(watch({ id: 'sergei-ryabkov', name: 'Sergei Ryabkov' }));
    expect(textsIn('Заявление Сергея Рябкова. Сергей Рябков сказал.', tagger)).toEqual(['Сергея Рябкова', 'Сергей Рябков']);
  });

  it('finds a Cyrillic-only name written in Latin letters', () => {
    const tagger = createTagger(watch({ id: 'ilya-yashin', name: 'Илья Яшин' }));
    expect(idsIn('Opposition politician Ilya Yashin was freed.', undefined, tagger)).toEqual(['ilya-yashin']);
  });

  it('matches the usual transliteration variants', () => {
    expect(idsIn('Sergey Ryabkov and Konstantin Iaroshenko.')).toEqual(['konstantin-yaroshenko', 'sergei-ryabkov']);
  });

  it('does not read an ordinary English word as a transliterated surname', () => {
    expect(idsIn('But the court disagreed. Виктор Бут был осуждён.').length).toBe(1);
    const tagged = seedPeople.tag({ body: 'But the court disagreed. Виктор Бут был осуждён.' });
    expect(tagged.people[0]?.mentions.map((m) => m.text)).toEqual(['Виктор Бут']);
  });

  it('counts a namesake whose short given name opens the sentence or the headline as another person, in both scripts', () => {
    const tagger = createTagger(
      watch({ id: 'stephen-hubbard', name: 'Stephen Hubbard' }, { id: 'vadim-krasikov', name: 'Vadim Krasikov' }),
    );

    for (const body of [
      'Ron Hubbard founded the Church of Scientology.',
      'Рон Хаббард основал саентологию.',
      'Mike Krasikov won.',
      'Джек Хаббард выиграл.',
    ])
      expect(idsIn(body, undefined, tagger), body).toEqual([]);
    expect(idsIn('Stephen Hubbard was freed. Hubbard thanked his family.', undefined, tagger)).toEqual(['stephen-hubbard']);
  });

  it('does not count a name inside a web address (a link is a slug), and counts the same name beside one', () => {
    expect(idsIn('Подробнее: https://example.ru/viktor-bout-vernulsya')).toEqual([]);
    expect(idsIn('Archive: www.example.com/news/viktor-bout.html')).toEqual([]);
    expect(textsIn('Viktor Bout (https://example.com/viktor-bout) spoke. Bout smiled.')).toEqual(['Viktor Bout', 'Bout']);
  });

  it('does not count a namesake in Russian', () => {
    const tagger = createTagger(watch({ id: 'ilya-yashin', name: 'Илья Яшин' }));
    expect(idsIn('Вратарь Лев Яшин стал легендой.', undefined, tagger)).toEqual([]);
  });
});

describe('a couple sharing a surname', () => {
  const dultsev = createTagger(watch({ id: 'artem-dultsev', name: 'Артём Дульцев' }));
  const latin = createTagger(watch({ id: 'artem-dultsev', name: 'Artem Dultsev' }));

  it('finds the person in "<his given name> and <her given name> <surname>", plural or not, from either script', () => {
    expect(textsIn('В Россию вернулись Артем и Анна Дульцевы, осужденные в Словении.', dultsev)).toEqual(['Артем и Анна Дульцевы']);
    expect(textsIn('Супругов Артема и Анну Дульцевых освободили.', latin)).toEqual(['Артема и Анну Дульцевых']);
    expect(textsIn('Artem and Anna Dultsev flew to Moscow.', dultsev)).toEqual(['Artem and Anna Dultsev']);
  });

  it('does not find them when neither given name is theirs', () => {
    expect(idsIn('Сергей и Анна Дульцевы открыли кафе.', undefined, dultsev)).toEqual([]);
  });
});

describe('the order of the people found and of their mentions', () => {
  const tagger = createTagger(watch(griner, whelan, reed));
  /** Every place `name` stands in `text`, as the spans the tagger reports. */
  const spansOf = (text: string, name: string, field: 'title' | 'body') => {
    const spans = [];
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1))
      spans.push({ field, start: at, end: at + name.length, text: name });
    return spans;
  };
  const expected = (title: string, body: string) =>
    [griner, whelan, reed]
      .map((p) => ({ id: p.id, mentions: [...spansOf(title, p.name, 'title'), ...spansOf(body, p.name, 'body')] }))
      .filter((p) => p.mentions.length > 0);
  // The title's names stand further in than the body's first ones: title first is not text order.
  const title = 'After weeks of talks, Brittney Griner and Paul Whelan';
  const paragraph = 'Paul Whelan met Trevor Reed. Brittney Griner spoke later, and Paul Whelan again. ';

  it('lists people in watchlist order, each with the title’s mentions first, then the body’s in text order', () => {
    expect(tagger.tag({ title, body: paragraph }).people).toEqual(expected(title, paragraph));
  });

  it('keeps that order in a body naming them dozens of times', () => {
    const body = paragraph.repeat(20);
    expect(tagger.tag({ title, body }).people).toEqual(expected(title, body));
  });
});

describe('a mention next to characters that take no room on screen', () => {
  it('starts and ends on the name itself: a byte order mark, direction marks and embeddings stay outside it', () => {
    const body = '\ufeffViktor Bout was freed. \u200fKonstantin Yaroshenko\u200e too, and \u202aViktor Bout\u202c.';

    const mentions = seedPeople.tag({ body }).people.flatMap((p) => p.mentions);

    expect(mentions.map((m) => m.text).sort()).toEqual(['Konstantin Yaroshenko', 'Viktor Bout', 'Viktor Bout']);
    for (const m of mentions) expect(body.slice(m.start, m.end)).toBe(m.text);
  });
});
