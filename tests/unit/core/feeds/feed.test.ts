import { describe, expect, it } from 'vitest';
import { FeedInput, feedId, feedView, newStoredFeed, shownFeedUrl } from '../../../../functions/core/feeds/feed';

describe('FeedInput', () => {
  it('fills in the defaults: every 15 minutes, no full text', () => {
    expect(FeedInput.parse({ url: 'https://news.example.com/rss' })).toEqual({
      url: 'https://news.example.com/rss',
      everyMinutes: 15,
      fullText: false,
    });
  });

  it.each([
    [{ url: 'ftp://x.test/feed' }, 'url'],
    [{ url: 'https://x.test/feed', everyMinutes: 4 }, 'everyMinutes'],
    [{ url: 'https://x.test/feed', everyMinutes: 1441 }, 'everyMinutes'],
    [{ url: 'https://x.test/feed', everyMinutes: 7.5 }, 'everyMinutes'],
    [{ url: 'https://x.test/feed', fullText: 'yes' }, 'fullText'],
    [{ url: 'https://x.test/feed', colour: 'red' }, ''],
  ])('refuses %j naming the field', (body, field) => {
    const result = FeedInput.safeParse(body);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path.join('.')).toBe(field);
  });
});

describe('FeedInput messages', () => {
  it.each([
    [{ source: '' }, 'source', "must not be empty: leave source out to use the feed URL's host"],
    [{ source: '   ' }, 'source', "must not be empty: leave source out to use the feed URL's host"],
    [{ source: 'x'.repeat(501) }, 'source', 'must be at most 500 characters'],
    [{ everyMinutes: 1e20 }, 'everyMinutes', 'must be a whole number of minutes from 5 to 1440'],
  ])('names %j once, saying what to send', (fields, path, message) => {
    const result = FeedInput.safeParse({ url: 'https://x.test/feed', ...fields });

    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([[path, message]]);
  });
});

describe('FeedInput url length', () => {
  it('names the length of a URL over 2,048 characters, not its scheme', () => {
    const result = FeedInput.safeParse({ url: `https://news.example.com/${'a'.repeat(2_048)}` });

    expect(result.error?.issues).toEqual([expect.objectContaining({ path: ['url'], message: 'must be at most 2048 characters' })]);
  });

  it('refuses a URL holding a raw control character (a terminal escape), naming url, and takes it percent-encoded', () => {
    const raw = FeedInput.safeParse({ url: 'http://news.example.com/\u001b[2J' });

    expect(raw.error?.issues).toEqual([
      expect.objectContaining({ path: ['url'], message: 'must not contain control characters or lone surrogates (percent-encode them)' }),
    ]);
    expect(FeedInput.safeParse({ url: 'http://news.example.com/%1B[2J' }).success).toBe(true);
  });
});

describe('feedId', () => {
  it('is the same for the same feed URL written differently, and differs between feeds', () => {
    expect(feedId('HTTPS://News.Example.com:443/rss?utm_source=x')).toBe(feedId('https://news.example.com/rss'));
    expect(feedId('https://news.example.com/rss')).not.toBe(feedId('https://news.example.com/atom'));
  });
});

describe('shownFeedUrl', () => {
  it('hides the credentials of a feed URL and leaves every other URL as it was written', () => {
    expect(shownFeedUrl('https://reader:s3cret@feeds.example.com/wire.xml?lang=ru')).toBe('https://***@feeds.example.com/wire.xml?lang=ru');
    expect(shownFeedUrl('https://TOKEN123@feeds.example.com/rss')).toBe('https://***@feeds.example.com/rss');
    expect(shownFeedUrl('https://feeds.example.com/wire.xml?lang=ru')).toBe('https://feeds.example.com/wire.xml?lang=ru');
  });

  it('is the URL GET /feeds lists, so a read key never sees a feed password', () => {
    const settings = { id: 'feed_1', url: 'https://reader:s3cret@feeds.example.com/wire.xml', everyMinutes: 15, fullText: false };

    const listed = feedView(newStoredFeed(settings, '2026-12-01T00:00:00.000Z'));

    expect(listed.url).toBe('https://***@feeds.example.com/wire.xml');
    expect(JSON.stringify(listed)).not.toContain('s3cret');
  });
});
