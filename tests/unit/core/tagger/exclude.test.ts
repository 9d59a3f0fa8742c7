import { describe, expect, it } from 'vitest';
import { createTagger } from '../../../../functions/core/tagger';
import { parseWatchlist } from '../../../../functions/core/watchlist';

const reed = { id: 'trevor-reed', name: 'Trevor Reed', surnameRule: 'always' as const };

describe('exclude phrases on a person', () => {
  const ids = (exclude: string[] | undefined, article: { title?: string; body: string }) =>
    createTagger({ people: [{ ...reed, ...(exclude && { exclude }) }], topics: [] })
      .tag(article)
      .people.flatMap((p) => p.mentions.map((m) => m.text));

  it('cancels a mention inside an excluded phrase and keeps the others', () => {
    const body = 'Mr Reed, the headteacher, retired. Trevor Reed spoke at his party.';
    expect(ids(undefined, { body })).toEqual(['Reed', 'Trevor Reed']);
    expect(ids(['Mr Reed'], { body })).toEqual(['Trevor Reed']);
  });

  it('applies in Russian text too: "Oliver Reed" also cancels the headline "ОЛИВЕР РИД"', () => {
    const article = { title: 'ОЛИВЕР РИД', body: 'Ретроспектива фильмов актёра.' };
    expect(ids(undefined, article)).toEqual(['РИД']);
    expect(ids(['Oliver Reed'], article)).toEqual([]);
  });

  it('does not let an excluded full name establish the person', () => {
    const t = createTagger({ people: [{ id: 'paul-whelan', name: 'Paul Whelan', exclude: ['Paul Whelan Jr'] }], topics: [] });
    expect(t.tag({ body: 'Paul Whelan Jr scored twice. Whelan was the best player.' }).people).toEqual([]);
  });
});

describe('exclude phrases on a topic', () => {
  it('drops the evidence of a sentence that holds an excluded phrase', () => {
    const body = 'In the fantasy football league, managers agreed a prisoner swap of players.';
    const plain = createTagger({ people: [], topics: [{ id: 'prisoner-exchange' }] });
    const excluding = createTagger(parseWatchlist({ topics: [{ id: 'prisoner-exchange', exclude: ['fantasy football'] }] }));
    expect(plain.tag({ body }).topics.map((t) => t.id)).toEqual(['prisoner-exchange']);
    expect(excluding.tag({ body }).topics).toEqual([]);
  });

  it('keeps evidence in other sentences', () => {
    const t = createTagger(parseWatchlist({ topics: [{ id: 'prisoner-exchange', exclude: ['fantasy football'] }] }));
    const body = 'Fantasy football is popular. Russia and Ukraine carried out a prisoner swap on Friday.';
    expect(t.tag({ body }).topics.map((x) => x.id)).toEqual(['prisoner-exchange']);
  });

  it('is accepted on a built-in topic reference and on a full definition, and refused when not a list', () => {
    expect(() => parseWatchlist({ topics: [{ id: 'prisoner-exchange', exclude: ['x'] }] })).not.toThrow();
    expect(() => parseWatchlist({ people: [{ id: 'a', name: 'A B', exclude: 'Lou Reed' }] })).toThrow(/exclude/);
  });
});
