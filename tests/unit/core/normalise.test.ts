import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { articleId, canonicalUrl, normaliseArticle, toUtcIso } from '../../../functions/core/normalise';

describe('canonicalUrl', () => {
  it('lower-cases the host, drops the fragment, default port, tracking parameters and trailing slash, and sorts the query', () => {
    const url = 'HTTPS://News.Example.COM:443/World/Story/?b=2&utm_source=x&a=1&fbclid=abc&gclid=z&UTM_Medium=y#comments';
    expect(canonicalUrl(url)).toBe('https://news.example.com/World/Story?a=1&b=2');
  });

  it('keeps a non-default port and the path case', () => {
    expect(canonicalUrl('http://example.com:8080/A/b/')).toBe('http://example.com:8080/A/b');
  });

  it('gives the bare origin for the root path', () => {
    expect(canonicalUrl('https://example.com/')).toBe('https://example.com');
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (url) => {
        const once = canonicalUrl(url);
        expect(canonicalUrl(once)).toBe(once);
      }),
    );
  });
});

describe('articleId', () => {
  it('uses the client id when one is given', () => {
    expect(articleId({ id: 'reuters-123', url: 'https://example.com/a', body: 'x' })).toBe('reuters-123');
  });

  it('gives the same id for the same story reached through different tracking links', () => {
    const a = articleId({ url: 'https://example.com/a?utm_source=tw', body: 'one' });
    const b = articleId({ url: 'https://EXAMPLE.com/a/#top', body: 'two' });
    expect(a).toBe(b);
  });

  it('falls back to the text, ignoring whitespace differences, when there is no URL', () => {
    const a = articleId({ title: 'T', body: 'Viktor  Bout\nfreed' });
    const b = articleId({ title: ' T', body: 'Viktor Bout freed ' });
    expect(a).toBe(b);
    expect(a).not.toBe(articleId({ title: 'T', body: 'Viktor Bout jailed' }));
  });
});

describe('toUtcIso', () => {
  it('reads a date-time without offset as UTC and keeps offsets', () => {
    expect(toUtcIso('2012-06-15T12:27:00')).toBe('2012-06-15T12:27:00.000Z');
    expect(toUtcIso('2012-06-15T12:27:00+02:00')).toBe('2012-06-15T10:27:00.000Z');
    expect(toUtcIso('2012-06-15')).toBe('2012-06-15T00:00:00.000Z');
  });
});

describe('normaliseArticle', () => {
  it('stores a url without the user name and password written in it, under the id the url as sent gives', () => {
    const now = new Date('2026-01-01T00:00:00.000Z');
    const input = { body: 'b', url: 'https://reader:secret@news.example.com/story?id=7' };

    const article = normaliseArticle(input, now, 30);

    expect(article.url).toBe('https://news.example.com/story?id=7');
    expect(JSON.stringify(article)).not.toContain('secret');
    expect(article.id).toBe(articleId(input));
  });

  const now = new Date('2026-01-02T03:04:05.000Z');

  it('defaults publishedAt to the ingest time and sets expiry from the retention', () => {
    const article = normaliseArticle({ body: 'b' }, now, 30);
    expect(article.publishedAt).toBe(now.toISOString());
    expect(article.expiresAt).toBe(Math.floor(now.getTime() / 1000) + 30 * 86_400);
  });

  it('keeps articles forever when retention is 0', () => {
    expect(normaliseArticle({ body: 'b' }, now, 0)).not.toHaveProperty('expiresAt');
  });

  it('gives a test article one day to live, whatever the retention', () => {
    expect(normaliseArticle({ body: 'b', test: true }, now, 0)).toMatchObject({
      test: true,
      expiresAt: Math.floor(now.getTime() / 1000) + 86_400,
    });
    expect(normaliseArticle({ body: 'b', test: false }, now, 30)).not.toHaveProperty('test');
  });

  it('stores the original URL and its canonical form', () => {
    const article = normaliseArticle({ body: 'b', url: 'https://Example.com/x?utm_source=a' }, now, 0);
    expect(article).toMatchObject({ url: 'https://Example.com/x?utm_source=a', canonicalUrl: 'https://example.com/x' });
  });
});
