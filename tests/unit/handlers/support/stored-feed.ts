import { newStoredFeed, type StoredFeed } from '../../../../functions/core/feeds/feed';

/** A feed as the table stores it before its first poll. */
export const storedFeed = (id: string, nextPollAt: string): StoredFeed => ({
  ...newStoredFeed({ id, url: `https://${id}.example.com/rss`, everyMinutes: 15, fullText: false }, '2026-01-01T00:00:00.000Z'),
  nextPollAt,
});
