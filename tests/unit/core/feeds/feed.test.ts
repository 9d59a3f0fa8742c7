import { describe, expect, it } from 'vitest';
import { FeedInput, feedId } from '../../../../functions/core/feeds/feed';

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

describe('feedId', () => {
  it('is the same for the same feed URL written differently, and differs between feeds', () => {
    expect(feedId('HTTPS://News.Example.com:443/rss?utm_source=x')).toBe(feedId('https://news.example.com/rss'));
    expect(feedId('https://news.example.com/rss')).not.toBe(feedId('https://news.example.com/atom'));
  });
});
