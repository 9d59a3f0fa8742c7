import { describe, expect, it } from 'vitest';
import { createTagger } from '../../../../functions/core/tagger';
import { hashKey } from '../../../../functions/core/text/word-keys';
import { parseWatchlist } from '../../../../functions/core/watchlist';

/** Two words whose keys have the same 32-bit hash; both start like the `polit*` pattern's first four letters, so both take the scanner's slow path. */
const MATCHES = 'politftfubdv';
const COLLIDES = 'polizfudolod';

const tagger = () =>
  createTagger(
    parseWatchlist({
      people: [],
      topics: [{ id: 'politics', terms: { POLITICS: ['polit*'] }, rules: [{ all: ['POLITICS'], weight: 0.9 }] }],
    }),
  );
const topics = (t: ReturnType<typeof tagger>, body: string) => t.tag({ body }).topics.map((x) => x.id);

describe('the scanner remembers slow-path answers', () => {
  it('has two words with one hash to test with', () => {
    expect(hashKey(MATCHES)).toBe(hashKey(COLLIDES));
  });

  it('does not give a word the remembered answer of another word with the same hash', () => {
    const t = tagger();
    expect(topics(t, `The ${MATCHES} said so.`)).toEqual(['politics']);
    expect(topics(t, `The ${COLLIDES} said so.`)).toEqual([]);
    expect(topics(t, `The ${MATCHES} said so.`)).toEqual(['politics']);
  });

  it('answers a repeated slow-path word as it did the first time, in either script', () => {
    const t = tagger();
    const body = 'Politicians and POLITICS, politically. Политика.';
    const first = t.tag({ body });
    expect(first.topics.map((x) => x.id)).toEqual(['politics']);
    for (let i = 0; i < 3; i++) expect(t.tag({ body })).toEqual(first);
  });
});
