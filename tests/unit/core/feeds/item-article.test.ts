import { describe, expect, it } from 'vitest';
import { ArticleInput } from '../../../../functions/core/article';
import { articleId } from '../../../../functions/core/normalise';
import { distinctItems, feedSource, itemToArticle, newestFirst } from '../../../../functions/core/feeds/item-article';
import type { FeedItem } from '../../../../functions/core/feeds/parse-feed';

const feed = { url: 'https://news.example.com/rss', source: 'Example Wire' };
const item = (over: Partial<FeedItem>): FeedItem => ({ text: 'Viktor Bout was released.', hasFullContent: false, ...over });

describe('itemToArticle', () => {
  it('maps link, title, text, date and source to a valid POST /articles article', () => {
    const article = itemToArticle(
      item({ link: 'https://news.example.com/a?utm_source=rss', title: 'Bout', publishedAt: '2022-12-08T12:00:00.000Z' }),
      feed,
    );
    expect(article).toEqual({
      title: 'Bout',
      body: 'Viktor Bout was released.',
      url: 'https://news.example.com/a?utm_source=rss',
      source: 'Example Wire',
      publishedAt: '2022-12-08T12:00:00.000Z',
    });
    expect(ArticleInput.safeParse(article).success).toBe(true);
  });

  it("dates an item dated after the poll at the poll's time, and keeps every earlier date", () => {
    const polled = { ...feed, polledAt: '2026-03-01T10:00:00.000Z' };

    expect(itemToArticle(item({ link: 'https://news.example.com/f', publishedAt: '2099-01-01T00:00:00.000Z' }), polled)?.publishedAt).toBe(
      '2026-03-01T10:00:00.000Z',
    );
    expect(itemToArticle(item({ link: 'https://news.example.com/p', publishedAt: '2026-03-01T09:59:00.000Z' }), polled)?.publishedAt).toBe(
      '2026-03-01T09:59:00.000Z',
    );
  });

  it('gives no article the credentials of a feed polled with them (a relative link resolves with them)', () => {
    const link = 'https://reader:s3cret@news.example.com/a?x=1';
    const article = itemToArticle(item({ link }), { url: 'https://reader:s3cret@news.example.com/rss', source: 'Example Wire' })!;

    expect(article.url).toBe('https://news.example.com/a?x=1');
    expect(JSON.stringify(article)).not.toContain('s3cret');
    expect(itemToArticle(item({ link: 'https://token@news.example.com/b' }), feed)!.url).toBe('https://news.example.com/b');
  });

  it('leaves out a link longer than POST /articles takes, and still gives a valid article (identified by its guid)', () => {
    const article = itemToArticle(item({ link: `https://news.example.com/${'a'.repeat(200_000)}`, guid: 'g-long' }), feed)!;

    expect(article).not.toHaveProperty('url');
    expect(article.id).toMatch(/^feed-[0-9a-f]{32}$/);
    expect(ArticleInput.safeParse(article).success).toBe(true);
  });

  it('cuts a stored feed source over 500 characters and leaves out an overlong language, so the article stays valid', () => {
    // A feed stored before the limits, or restored, is not bounded like POST /feeds.
    const overLong = {
      ...feed,
      source: 'S'.repeat(501),
      language: `en-${'x'.repeat(8)}-${'y'.repeat(8)}-${'z'.repeat(8)}-${'w'.repeat(8)}`,
    };

    const article = itemToArticle(item({ link: 'https://news.example.com/a', title: 'Bout' }), overLong)!;

    expect(article.source).toBe('S'.repeat(500));
    expect(article).not.toHaveProperty('language');
    expect(ArticleInput.safeParse(article).success).toBe(true);
    expect(itemToArticle(item({ link: 'https://news.example.com/a' }), { ...feed, language: 'ru-RU' })).toMatchObject({
      language: 'ru-ru',
    });
  });

  it('gives an item the id a client posting its link would get, whatever its title', () => {
    const first = itemToArticle(item({ link: 'https://news.example.com/a', title: 'Old title' }), feed)!;
    const retitled = itemToArticle(item({ link: 'https://news.example.com/a?utm_medium=feed', title: 'New title' }), feed)!;
    expect(articleId(retitled)).toBe(articleId(first));
    expect(articleId(first)).toBe(articleId({ url: 'https://news.example.com/a', body: 'anything' }));
  });

  it('identifies a link-less item by its guid within the feed', () => {
    const a = itemToArticle(item({ guid: 'g-1', title: 'One' }), feed)!;
    const b = itemToArticle(item({ guid: 'g-1', title: 'One, edited', text: 'Edited.' }), feed)!;
    const other = itemToArticle(item({ guid: 'g-1' }), { ...feed, url: 'https://other.example.org/rss' })!;
    expect(a.id).toMatch(/^feed-[0-9a-f]{32}$/);
    expect(b.id).toBe(a.id);
    expect(other.id).not.toBe(a.id);
  });

  it('uses the title as the body of an item without text, and skips an item with neither', () => {
    expect(itemToArticle(item({ text: '', title: 'Headline only' }), feed)?.body).toBe('Headline only');
    expect(itemToArticle(item({ text: '' }), feed)).toBeUndefined();
  });

  it('takes the feed host as source when the feed names none', () => {
    expect(feedSource({ url: 'https://www.example.org/feed.xml' })).toBe('www.example.org');
    expect(feedSource({ url: 'https://www.example.org/feed.xml', source: 'Example' })).toBe('Example');
  });
});

describe('itemToArticle on a very long text', () => {
  it('cuts it at 100,000 code units, keeping its start, never between the halves of a surrogate pair', () => {
    const long = `Viktor Bout was released. ${'x'.repeat(200_000)}`;
    const pairAtCut = `${'y'.repeat(99_999)}😀${'z'.repeat(10)}`;

    const cut = itemToArticle(item({ link: 'https://news.example.com/long', text: long }), feed)!;
    const split = itemToArticle(item({ link: 'https://news.example.com/pair', text: pairAtCut }), feed)!;

    expect(cut.body).toHaveLength(100_000);
    expect(cut.body.startsWith('Viktor Bout was released.')).toBe(true);
    expect(split.body).toBe('y'.repeat(99_999));
  });
});

describe("itemToArticle's language", () => {
  it("takes the item's own language before the feed's, and the feed's when the item's is no language tag", () => {
    const withFeedLanguage = { ...feed, language: 'en-US' };

    const french = itemToArticle(item({ link: 'https://news.example.com/fr', language: 'fr' }), withFeedLanguage)!;
    const odd = itemToArticle(item({ link: 'https://news.example.com/x', language: 'not a tag!' }), withFeedLanguage)!;

    expect(french.language).toBe('fr');
    expect(odd.language).toBe('en-us');
  });
});

describe('distinctItems', () => {
  it('keeps the first of items repeated by link or by guid', () => {
    const items = [
      item({ link: 'https://x.test/1', title: 'first' }),
      item({ link: 'https://x.test/1', title: 'repeat' }),
      item({ guid: 'g', title: 'guid first' }),
      item({ guid: 'g', title: 'guid repeat' }),
      item({ title: 'plain' }),
    ];
    expect(distinctItems(items).map((i) => i.title)).toEqual(['first', 'guid first', 'plain']);
  });
});

describe('newestFirst', () => {
  const item = (title: string, publishedAt?: string): FeedItem => ({
    title,
    text: title,
    hasFullContent: false,
    ...(publishedAt && { publishedAt }),
  });

  it('puts the newest item first when every item is dated, keeping the order of items of the same time', () => {
    const items = [
      item('a', '2026-01-01T00:00:00Z'),
      item('b', '2026-01-03T00:00:00Z'),
      item('c', '2026-01-02T00:00:00Z'),
      item('d', '2026-01-03T00:00:00Z'),
    ];

    expect(newestFirst(items).map((i) => i.title)).toEqual(['b', 'd', 'c', 'a']);
  });

  it("keeps the feed's own order when an item has no date", () => {
    const items = [item('a', '2026-01-01T00:00:00Z'), item('b'), item('c', '2026-01-02T00:00:00Z')];

    expect(newestFirst(items).map((i) => i.title)).toEqual(['a', 'b', 'c']);
  });
});
