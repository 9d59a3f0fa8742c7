import { describe, expect, it } from 'vitest';
import { createTagger } from '../../../../functions/core/tagger';
import { latinForms, russianForms } from '../../../../functions/core/tagger/transcribe';
import type { PersonEntry } from '../../../../functions/core/watchlist';

const tagger = (...people: PersonEntry[]) => createTagger({ people, topics: [] });
const texts = (t: ReturnType<typeof tagger>, body: string) => t.tag({ body }).people.flatMap((p) => p.mentions.map((m) => m.text));

describe('English names in Russian practical transcription', () => {
  it.each([
    ['Whelan', 'уилан'],
    ['Griner', 'грайнер'],
    ['Reed', 'рид'],
    ['Hubbard', 'хаббард'],
    ['Barnes', 'барнс'],
    ['Tater', 'тейтер'],
    ['Black', 'блэк'],
    ['Gilman', 'гилман'],
    ['Biden', 'байден'],
  ])('transcribes %s as %s among its forms', (latin, russian) => {
    expect(russianForms(latin)).toContain(russian);
  });

  it('uses the conventional given-name forms, not letter rules', () => {
    expect(russianForms('Alexander')).toEqual(['александр']);
    expect(russianForms('Michael')).toEqual(['майкл']);
    expect(russianForms('Brittney')).toEqual(['бриттни', 'бритни']);
    expect(russianForms('Paul')).toEqual(['пол']);
  });

  it('finds a Latin-only watchlist name written in Russian, inflected', () => {
    const t = tagger({ id: 'paul-whelan', name: 'Paul Whelan' }, { id: 'alexander-vinnik', name: 'Alexander Vinnik' });
    const body = 'Пола Уилана освободили. Уилан вернулся. Александра Винника обменяли.';
    expect(texts(t, body)).toEqual(['Пола Уилана', 'Уилан', 'Александра Винника']);
  });

  it('finds both conventional spellings of a given name (Бриттни and Бритни Грайнер)', () => {
    const t = tagger({ id: 'brittney-griner', name: 'Brittney Griner' });
    expect(texts(t, 'Бриттни Грайнер и Бритни Грайнер.')).toEqual(['Бриттни Грайнер', 'Бритни Грайнер']);
  });

  it('does not let a transcription that is an ordinary Russian word count on its own', () => {
    const t = tagger({ id: 'john-most', name: 'John Most', surnameRule: 'always' });
    expect(texts(t, 'Мост через реку закрыли. Моста больше нет.')).toEqual([]);
    expect(texts(t, 'Джон Мост приехал в Москву. Мост заявил, что рад.')).toEqual(['Джон Мост', 'Мост']);
  });

  it('keeps namesakes apart in Russian text (Лу Рид, Джон Рид are not Trevor Reed)', () => {
    const t = tagger({ id: 'trevor-reed', name: 'Trevor Reed' });
    expect(texts(t, 'Песни Лу Рида прозвучали в музее. Книга Джона Рида вышла снова.')).toEqual([]);
  });

  it('does not read a Russian spelling of a Latin surname in English text (Bout → бут is not "But")', () => {
    const t = tagger({ id: 'viktor-bout', name: 'Viktor Bout' });
    expect(texts(t, 'Viktor Bout was freed. But the talks went on.')).toEqual(['Viktor Bout']);
  });
});

describe('Russian names in English spellings that folding misses', () => {
  it('romanises ё as yo, е after a vowel as ye, у as ou', () => {
    expect(latinForms('Артём')).toContain('artyom');
    expect(latinForms('Сергеев')).toContain('sergeyev');
    expect(latinForms('Бут')).toContain('bout');
  });

  it('finds a Cyrillic-only watchlist name written Artyom Dultsev', () => {
    const t = tagger({ id: 'artem-dultsev', name: 'Артём Дульцев' });
    expect(texts(t, 'Artyom Dultsev and Artem Dultsev flew home.')).toEqual(['Artyom Dultsev', 'Artem Dultsev']);
  });
});
