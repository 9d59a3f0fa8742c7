import * as z from '../zod';
import { httpUrl } from '../http-url';
import { sha256Hex } from '../hash';
import { canonicalUrl } from '../normalise';
import { hiddenCredentials } from '../url-credentials';
import type { FeedAnswer } from '../api-answers';

export const MIN_EVERY_MINUTES = 5;
export const MAX_EVERY_MINUTES = 1440;
export const DEFAULT_EVERY_MINUTES = 15;
const MAX_FEED_URL_LENGTH = 2_048;

const EVERY_RANGE = `must be a whole number of minutes from ${MIN_EVERY_MINUTES} to ${MAX_EVERY_MINUTES}`;

/** `POST /feeds` body (contract: docs/api.md, Feeds). Strict: an unknown field is named in the 400. */
export const FeedInput = z.strictObject({
  url: httpUrl(MAX_FEED_URL_LENGTH),
  source: z.optional(
    z
      .string()
      .check(
        z.trim(),
        z.minLength(1, "must not be empty: leave source out to use the feed URL's host"),
        z.maxLength(500, 'must be at most 500 characters'),
      ),
  ),
  everyMinutes: z._default(
    z.number({ error: EVERY_RANGE }).check(
      // One message for a number far out of range too (1e20 is no safe integer and over the maximum).
      z.int({ error: EVERY_RANGE, abort: true }),
      z.gte(MIN_EVERY_MINUTES, `must be at least ${MIN_EVERY_MINUTES} minutes`),
      z.lte(MAX_EVERY_MINUTES, `must be at most ${MAX_EVERY_MINUTES} minutes (one day)`),
    ),
    DEFAULT_EVERY_MINUTES,
  ),
  fullText: z._default(z.boolean({ error: 'must be true or false' }), false),
});
export type FeedInput = z.infer<typeof FeedInput>;

/** What the last poll of a feed came to. `pending`: never polled yet. */
export const FeedStatus = z.enum(['pending', 'ok', 'not_modified', 'error']);
export type FeedStatus = z.infer<typeof FeedStatus>;

/** A feed as stored, with its polling state; parsed on every read back from the table. */
export const StoredFeed = z.object({
  id: z.string(),
  url: z.string(),
  source: z.optional(z.string()),
  everyMinutes: z.number().check(z.int()),
  fullText: z.boolean(),
  createdAt: z.string(),
  nextPollAt: z.string(),
  lastPolledAt: z.nullable(z.string()),
  lastStatus: FeedStatus,
  lastHttpStatus: z.optional(z.number().check(z.int())),
  lastError: z.optional(z.string()),
  /** Articles this feed has added (new ones only: a re-polled item is not counted again). */
  articles: z.number().check(z.int()),
  /** Failures in a row (0 after a success): drives the back-off. */
  failures: z.number().check(z.int()),
  etag: z.optional(z.string()),
  lastModified: z.optional(z.string()),
  /** SHA-256 of the last body parsed: an unchanged body from a server without validators is skipped. */
  contentHash: z.optional(z.string()),
  /** Short keys of the items this feed gave lately (newest poll first, bounded): skipped without a write. */
  seen: z.optional(z.array(z.string())),
  /**
   * How many of the feed's items its polls read (MAX_SEEN, the newest). Absent on a feed polled only by
   * versions that read its first 200 items in its own order: the first poll now takes the others as
   * given before, rather than alerting old items as new (app/feeds/poll-feed.ts).
   */
  readWindow: z.optional(z.number().check(z.int())),
  /** The last poll left new items for the next one, which came early (5 minutes): the next early one waits a whole interval. */
  catchingUp: z.optional(z.boolean()),
  /**
   * Set by a claim (the lease's end, the same time as `nextPollAt`) and removed by the poll's save: a
   * claim the local runtime finds at start was taken by a run that stopped before polling the feed.
   */
  claimedUntil: z.optional(z.string()),
});
export type StoredFeed = z.infer<typeof StoredFeed>;

/** What a feed is set up with; everything else in a stored feed is polling state. */
export type FeedSettings = Pick<StoredFeed, 'id' | 'url' | 'source' | 'everyMinutes' | 'fullText'>;

/** A feed as stored before its first poll, which is due at once. */
export function newStoredFeed(settings: FeedSettings, now: string): StoredFeed {
  const { source, ...rest } = settings;
  return {
    ...rest,
    ...(source !== undefined && { source }),
    createdAt: now,
    nextPollAt: now,
    lastPolledAt: null,
    lastStatus: 'pending',
    articles: 0,
    failures: 0,
  };
}

/** A feed URL as answers show it: its credentials, if any, masked as `***` (`https://***@host/…`). */
export function shownFeedUrl(url: string): string {
  return hiddenCredentials(url, '***');
}

/** A feed as `GET /feeds` lists it: the contract's fields plus the polling state worth seeing. */
export function feedView(feed: StoredFeed): FeedAnswer {
  return {
    id: feed.id,
    url: shownFeedUrl(feed.url),
    source: feed.source ?? new URL(feed.url).hostname,
    everyMinutes: feed.everyMinutes,
    fullText: feed.fullText,
    lastPolledAt: feed.lastPolledAt,
    lastStatus: feed.lastStatus,
    ...(feed.lastHttpStatus !== undefined && { lastHttpStatus: feed.lastHttpStatus }),
    ...(feed.lastError !== undefined && { lastError: feed.lastError }),
    articles: feed.articles,
    nextPollAt: feed.nextPollAt,
    createdAt: feed.createdAt,
  };
}

/** A feed's id: the same URL (up to case, default port, tracking parameters...) is one feed. */
export function feedId(url: string): string {
  return `feed_${sha256Hex(`feed\n${canonicalUrl(url)}`).slice(0, 20)}`;
}
