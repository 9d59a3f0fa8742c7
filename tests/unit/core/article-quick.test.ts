import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LenientArticleInput } from '../../../functions/core/article';
import { quickTaggableFields } from '../../../functions/core/article-quick';

/** Pieces strings are made of: plain letters, spaces (trimmed from ids; a body of only these is refused), an astral letter (2 UTF-16 units, 1 code point), lone surrogates, control characters. */
const PIECES = ['a', 'Ж', ' ', '\u00a0', '😀', '\ud83d', '\ude00', '\u0007', '\u0085', '\n'];
/** Lengths around every limit the schema sets (1, 2, 35, 256, 500, 2,000, 4,096) and their doubles or halves. */
const LENGTHS = [
  0, 1, 2, 3, 4, 17, 18, 34, 35, 36, 70, 71, 128, 255, 256, 257, 499, 500, 501, 999, 1000, 1999, 2000, 2001, 4095, 4096, 4097,
];

const text = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.tuple(fc.constantFrom(...PIECES), fc.constantFrom(...LENGTHS), fc.constantFrom('', ...PIECES)).map(([p, n, end]) => p.repeat(n) + end),
  fc
    .tuple(fc.constantFrom(' ', '\t', ''), fc.constantFrom('a-1', '😀', '\ud83d', 'x\u0000', '.', '..'), fc.constantFrom(' ', '\n', ''))
    .map((p) => p.join('')),
);
const value = fc.oneof(
  { weight: 6, arbitrary: text },
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.constant([]),
  fc.constant({}),
  fc.constantFrom('2012-06-15T12:27:00Z', '2012-06-15', 'yesterday'),
);
const FIELDS = ['id', 'title', 'body', 'url', 'source', 'publishedAt', 'language', 'test', 'author'] as const;
const article = fc.record(Object.fromEntries(FIELDS.map((f) => [f, value])), { requiredKeys: [] });
/** Articles more likely to pass: every field a string (test a boolean), no date. */
const plausible = fc.record(
  { id: text, title: text, body: text, url: text, source: text, language: text, test: fc.boolean(), author: value },
  { requiredKeys: ['body'] },
);
const anything = fc.oneof(
  { weight: 8, arbitrary: article },
  { weight: 8, arbitrary: plausible },
  fc.constant(null),
  fc.constant([]),
  text,
  fc.integer(),
);

describe('quickTaggableFields', () => {
  it('knows every field of the schema: a field added to it must be checked on the quick path too', () => {
    // The quick path checks the fields it knows and ignores the rest: a new schema field it did not check would be let through unchecked.
    expect(Object.keys(LenientArticleInput.shape).sort()).toEqual(FIELDS.filter((f) => f !== 'author').sort());
  });

  it('takes only what LenientArticleInput accepts, with the id, title and body the schema returns', () => {
    let taken = 0;
    fc.assert(
      fc.property(anything, (input) => {
        const data = JSON.parse(JSON.stringify(input)) as unknown; // what the tag command hands it: a JSON.parse result
        const quick = quickTaggableFields(data);
        if (quick === undefined) return;
        taken++;
        const parsed = LenientArticleInput.safeParse(data);
        expect(parsed.success).toBe(true);
        expect(quick).toEqual({ id: parsed.data?.id, title: parsed.data?.title, body: parsed.data?.body });
      }),
      { numRuns: 20_000 },
    );
    // Not a check that takes nothing: a good share of the generated articles took the quick path.
    expect(taken).toBeGreaterThan(500);
  });

  it('takes a usual article, extra fields and all, with its id trimmed as the schema trims it', () => {
    const data = {
      id: ' a-1 ',
      title: 'T',
      body: 'Viktor Bout was freed.',
      url: 'not checked',
      source: 'bench',
      language: 'en',
      test: false,
      author: 'x',
    };
    expect(quickTaggableFields(data)).toEqual({ id: 'a-1', title: 'T', body: 'Viktor Bout was freed.' });
  });

  it('leaves to the schema a body of only whitespace and an id of "." or "..", which it refuses', () => {
    expect(quickTaggableFields({ body: ' \n\t\u00a0' })).toBeUndefined();
    expect(quickTaggableFields({ id: ' .. ', body: 'ok' })).toBeUndefined();
    expect(quickTaggableFields({ id: '.', body: 'ok' })).toBeUndefined();
    expect(quickTaggableFields({ id: '...', body: ' ok ' })).toEqual({ id: '...', title: undefined, body: ' ok ' });
  });

  it('leaves to the schema what only counting code points decides, and any publishedAt', () => {
    expect(quickTaggableFields({ body: '\ud83d' })).toBeUndefined(); // 1 unit, a high surrogate: zod counts code points
    expect(quickTaggableFields({ body: 'ok', title: '😀'.repeat(1_001) })).toBeUndefined(); // 2,002 units, 1,001 code points
    expect(quickTaggableFields({ body: 'ok', publishedAt: '2012-06-15' })).toBeUndefined();
  });
});
