import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTagger } from '../../../../functions/core/tagger';
import { defaultWatchlist } from '../../../../functions/core/watchlist';

const tagger = createTagger(defaultWatchlist);

/** Text made of names, topic words, tricky characters and arbitrary Unicode, so matches actually happen. */
const piece = fc.oneof(
  fc.constantFrom(
    'Viktor Bout',
    'BOUT',
    'Бута',
    'Виктора Бута',
    'Sergei\nRyabkov',
    'Рябков',
    'Yaroshenko’s',
    'Merchant of Death',
    'prisoner swap',
    'обмен пленными',
    'release',
    'citizens',
    'prison',
    'exchange',
  ),
  fc.constantFrom(' ', '. ', '\n\n', '-', '–', '’', '\u0301', 'ﬁ', '𝐁𝐨𝐮𝐭', 'İ', 'ß', '\ud800', '\udc00'),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 4 }),
);
const text = fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(''));

describe('tagger properties', () => {
  it('reports every span as exactly the slice of its field at start/end', () => {
    fc.assert(
      fc.property(fc.option(text, { nil: undefined }), text, (title, body) => {
        const result = tagger.tag({ title, body });
        const spans = [...result.people.flatMap((p) => p.mentions), ...result.topics.flatMap((t) => t.evidence)];
        for (const s of spans) {
          const field = s.field === 'title' ? title! : body;
          expect(s.start).toBeLessThan(s.end);
          expect(field.slice(s.start, s.end)).toBe(s.text);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('gives the same result for the same article, whatever was tagged before', () => {
    fc.assert(
      fc.property(text, fc.array(text, { maxLength: 5 }), (body, others) => {
        const first = tagger.tag({ body });
        for (const other of others) tagger.tag({ body: other });
        expect(createTagger(defaultWatchlist).tag({ body })).toEqual(first);
        expect(tagger.tag({ body })).toEqual(first);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps topic scores within [0, 1]', () => {
    fc.assert(
      fc.property(text, (body) => {
        for (const t of tagger.tag({ body }).topics) expect(t.score >= 0 && t.score <= 1).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
