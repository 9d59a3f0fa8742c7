import type { StoredFeed } from '../../../../functions/core/feeds/feed';

/** A feed as the table stores it before its first poll. */
export const storedFeed = (id: string, nextPollAt: string): StoredFeed => ({
  id,
  url: `https://${id}.example.com/rss`,
  everyMinutes: 15,
  fullText: false,
  createdAt: '2026-01-01T00:00:00.000Z',
  nextPollAt,
  lastPolledAt: null,
  lastStatus: 'pending',
  articles: 0,
  failures: 0,
});
