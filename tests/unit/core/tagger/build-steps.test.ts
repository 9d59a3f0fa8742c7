import { describe, expect, it } from 'vitest';
import { createTagger, startTaggerBuild } from '../../../../functions/core/tagger';
import type { Watchlist } from '../../../../functions/core/watchlist';

const watchlist: Watchlist = {
  people: [
    { id: 'viktor-bout', name: 'Viktor Bout', aliases: ['Виктор Бут', 'Merchant of Death'] },
    { id: 'brittney-griner', name: 'Brittney Griner' },
    { id: 'trevor-reed', name: 'Trevor Reed', exclude: ['Lou Reed'] },
    { id: 'paul-whelan', name: 'Paul Whelan' },
  ],
  topics: [{ id: 'prisoner-exchange' }],
};
const article = {
  title: 'Бут обменян на Гринер',
  body: 'Viktor Bout was swapped for Brittney Griner in Abu Dhabi. Lou Reed sang. Пол Уилан остался в тюрьме, Trevor Reed was freed in April.',
};

describe('a tagger built step by step', () => {
  it('tags exactly like one built at once, whatever the step size', () => {
    const expected = createTagger(watchlist).tag(article);
    for (const size of [1, 2, 3]) {
      const build = startTaggerBuild(watchlist);
      let steps = 1;
      while (!build.step(size)) steps++;

      expect(build.tagger().tag(article)).toEqual(expected);
      expect(steps).toBeGreaterThan(1);
    }
    expect(expected.people.map((p) => p.id)).toEqual(['viktor-bout', 'brittney-griner', 'trevor-reed', 'paul-whelan']);
  });

  it('refuses to hand out a tagger before the build is done', () => {
    const build = startTaggerBuild(watchlist);
    build.step(1);

    expect(() => build.tagger()).toThrow(/not built yet/);
  });
});
