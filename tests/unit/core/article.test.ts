import { describe, expect, it } from 'vitest';
import { ArticleInput, LenientArticleInput } from '../../../functions/core/article';
import { toUtcIso } from '../../../functions/core/normalise';

describe('ArticleInput', () => {
  it('accepts the contract fields', () => {
    const article = {
      id: 'a1',
      title: 'T',
      body: 'B',
      url: 'https://example.com/x',
      source: 'RT',
      publishedAt: '2012-06-15T12:27:00Z',
      language: 'en',
    };
    expect(ArticleInput.parse(article)).toEqual(article);
  });

  it('rejects an unknown field by name', () => {
    const result = ArticleInput.safeParse({ body: 'B', author: 'x' });
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain('author');
  });

  it('refuses a url holding a raw control character or a lone surrogate, naming url', () => {
    for (const url of ['https://example.com/\u001b[2J', 'https://example.com/a\u0007', 'https://example.com/\ud800']) {
      const result = ArticleInput.safeParse({ body: 'B', url });
      expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
        ['url', 'must not contain control characters or lone surrogates (percent-encode them)'],
      ]);
    }
  });

  it('rejects a missing body and a non-ISO date', () => {
    const result = ArticleInput.safeParse({ publishedAt: 'yesterday' });
    const paths = result.error?.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['body', 'publishedAt']));
  });

  it('takes a publishedAt written in the other ways RFC 3339 and ISO-8601 allow, as the same instant', () => {
    const read = (publishedAt: string) => toUtcIso(ArticleInput.parse({ body: 'B', publishedAt }).publishedAt!);
    expect(read('2024-01-02T03:04Z')).toBe('2024-01-02T03:04:00.000Z');
    expect(read('2024-01-02t03:04:05z')).toBe('2024-01-02T03:04:05.000Z');
    expect(read('2024-01-02 03:04:05Z')).toBe('2024-01-02T03:04:05.000Z');
    expect(read('2024-01-02T03:04:05+0300')).toBe('2024-01-02T00:04:05.000Z');
    expect(read('2024-01-02T03:04:05-03')).toBe('2024-01-02T06:04:05.000Z');
    expect(read('2024-01-02T03:04:05,250Z')).toBe('2024-01-02T03:04:05.250Z');
    expect(read('2024-01-02 03:04')).toBe('2024-01-02T03:04:00.000Z');
    for (const refused of ['2024-01-02T3:04Z', '2024-01-02T03:04:05+3', '2024-01-02T25:00Z', '2024-01-02T03Z', '02.01.2024 03:04', 12]) {
      expect(ArticleInput.safeParse({ body: 'B', publishedAt: refused }).error?.issues, String(refused)).toEqual([
        expect.objectContaining({ path: ['publishedAt'], message: expect.stringContaining('ISO-8601') }),
      ]);
    }
  });

  it('refuses a body of only whitespace (spaces, tabs, line breaks, no-break spaces) as it refuses an empty one', () => {
    for (const body of [' ', '   \n\t', '\u00a0\u2028\ufeff']) {
      expect(ArticleInput.safeParse({ body }).error?.issues).toEqual([
        expect.objectContaining({ path: ['body'], message: 'must not be only whitespace' }),
      ]);
    }
    expect(ArticleInput.safeParse({ body: '' }).error?.issues).toEqual([
      expect.objectContaining({ path: ['body'], message: 'must not be empty' }),
    ]);
    // The body is kept as sent: the tags' offsets point into it.
    expect(ArticleInput.parse({ body: ' \n B \n' }).body).toBe(' \n B \n');
  });

  it('refuses an id of "." or ".." (after the trim), which no URL path can name, and keeps ids with URL characters', () => {
    for (const id of ['.', '..', ' .. ', '\t.\n']) {
      expect(ArticleInput.safeParse({ id, body: 'B' }).error?.issues).toEqual([
        expect.objectContaining({ path: ['id'], message: expect.stringMatching(/^must not be "\." or "\.\."/) }),
      ]);
    }
    for (const id of ['...', '.a', 'a/..', 'https://example.com/a?b=1#c', '100%'])
      expect(ArticleInput.parse({ id, body: 'B' }).id).toBe(id);
  });

  it('holds the offline tagger to the same body and id rules', () => {
    expect(LenientArticleInput.safeParse({ body: '\n\n' }).success).toBe(false);
    expect(LenientArticleInput.safeParse({ id: '..', body: 'B' }).success).toBe(false);
  });

  it('refuses a language of only whitespace at the API, and lets the offline tagger, which never reads it, take it', () => {
    expect(ArticleInput.safeParse({ body: 'B', language: '   ' }).error?.issues.map((i) => i.path.join('.'))).toEqual(['language']);
    expect(ArticleInput.parse({ body: 'B', language: 'en' })).toEqual({ body: 'B', language: 'en' });
    expect(LenientArticleInput.parse({ body: 'B', language: '   ' })).toEqual({ body: 'B', language: '   ' });
  });

  it('takes an empty source (normalise stores it as none)', () => {
    expect(ArticleInput.parse({ body: 'B', source: '' })).toEqual({ body: 'B', source: '' });
  });

  it('lets the offline tagger ignore extra fields', () => {
    expect(LenientArticleInput.parse({ body: 'B', author: 'x' })).toEqual({ body: 'B' });
  });

  it('lets the offline tagger take any url string but still checks the fields it reads', () => {
    expect(LenientArticleInput.parse({ body: 'B', url: 'example.com/story' })).toEqual({ body: 'B', url: 'example.com/story' });
    const result = LenientArticleInput.safeParse({ body: 5, url: 7 });
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['body', 'url']);
  });
});
