import { describe, expect, it } from 'vitest';
import { ArticleInput, LenientArticleInput } from '../../../functions/core/article';

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

  it('rejects a missing body and a non-ISO date', () => {
    const result = ArticleInput.safeParse({ publishedAt: 'yesterday' });
    const paths = result.error?.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['body', 'publishedAt']));
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
