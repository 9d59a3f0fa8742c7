import { sha256Hex } from '../../core/hash';
import type { ArticleInput } from '../../core/article';
import type { PollResultAnswer } from '../../core/api-answers';
import { DomainError, StoryNotCounted } from '../../core/errors';
import { MIN_EVERY_MINUTES, shownFeedUrl, type StoredFeed } from '../../core/feeds/feed';
import {
  distinctItems,
  type FeedContext,
  feedSource,
  itemToArticle,
  MAX_SEEN,
  newestFirst,
  rememberSeen,
  seenKey,
  guidKey,
} from '../../core/feeds/item-article';
import { type ItemRefusal, itemLabel, MAX_REFUSALS_NAMED, NO_TEXT, refusalReason } from '../../core/feeds/item-refusal';
import type { FeedItem } from '../../core/feeds/parse-feed';
import { nextPollAt, retryAfterMs } from '../../core/feeds/schedule';
import { FetchError, type FetchResult, type Fetcher } from '../../adapters/http-fetcher';
import { mapLimit } from '../map-limit';

/** What polling uses of core/feeds/parse-feed.ts; NotAFeed comes with it, so `instanceof` tests the parser's own class. */
export type FeedParser = Pick<typeof import('../../core/feeds/parse-feed'), 'NotAFeed' | 'parseFeedDocument'>;

/**
 * New items ingested by one poll, at most (the newest first: newestFirst); the others are left for
 * the next poll, which reads the same body again for them (bounds one poll's work and time).
 */
export const MAX_ITEMS_PER_POLL = 200;
const INGEST_CONCURRENCY = 4;
/** Sends of one item whose article was stored but whose story was not counted (503): the re-send finishes it. */
const STORY_ATTEMPTS = 3;
const SERVER_ERROR = 500;
export const FEED_ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5';

export interface FeedPollDeps {
  fetcher: Fetcher;
  /** The ingest use case of `POST /articles`: tagging, de-duplication, stories and alerts. */
  ingest(article: ArticleInput): Promise<{ id: string; duplicate: boolean }>;
  /** Saves the feed's state after a poll; `added`: the articles this poll added to `feed.articles`. */
  save(feed: StoredFeed, added?: number): Promise<void>;
  /** The page text for a summary-only item of a `fullText` feed, or undefined to keep the summary. */
  fullText?(url: string): Promise<string | undefined>;
  /**
   * The feed parsers (core/feeds/parse-feed.ts), asked for with the first body that changed: a poll that
   * only sees 304s or unchanged bytes never loads them. Deployed, the poller reads them from a file of
   * their own (functions/handlers/feed-run-wiring.ts).
   */
  loadParser(): Promise<FeedParser>;
  now?: () => Date;
}

/** What polling one feed gave: an item of `POST /feeds/poll`'s answer. */
export type PollOutcome = PollResultAnswer;

/**
 * Polls one feed and ingests its new items. Never throws for the feed's own trouble (unreachable,
 * refused, not a feed, HTTP errors): that is recorded on the feed, with back-off, so one failing
 * feed never affects another. Validators (ETag, Last-Modified) are saved only after a body parsed.
 */
export async function pollFeed(deps: FeedPollDeps, feed: StoredFeed): Promise<PollOutcome> {
  const now = (deps.now ?? (() => new Date()))();
  const base = { id: feed.id, url: shownFeedUrl(feed.url), items: 0, new: 0, duplicates: 0, rejected: 0 };
  let fetched: FetchResult;
  try {
    fetched = await deps.fetcher.get(feed.url, FEED_ACCEPT, { etag: feed.etag, lastModified: feed.lastModified });
  } catch (error) {
    if (!(error instanceof FetchError)) throw error;
    // Never asked (its host busy with other feeds): nothing is recorded on the feed, which is due again at its next turn.
    if (error.code === 'host_busy') return { ...base, status: 'error', error: error.message };
    return failed(deps, feed, now, base, error.message);
  }
  if (fetched.kind === 'not_modified') return unchanged(deps, feed, now, base, 304);
  if (fetched.kind === 'http_error') {
    const wait = fetched.status === 429 || fetched.status === 503 ? retryAfterMs(fetched.retryAfter, now) : undefined;
    return failed(deps, feed, now, base, `HTTP ${fetched.status}`, fetched.status, wait);
  }
  const contentHash = sha256Hex(Buffer.from(fetched.body).toString('latin1'));
  if (contentHash === feed.contentHash) return unchanged(deps, feed, now, base, fetched.status, fetched);
  const { NotAFeed, parseFeedDocument } = await deps.loadParser();
  let items: FeedItem[];
  let earlierRead: FeedItem[] | undefined;
  let language: string | undefined;
  try {
    const document = parseFeedDocument(fetched.body, fetched.contentType, fetched.url);
    const listed = distinctItems(document.items);
    items = newestFirst(listed).slice(0, MAX_SEEN);
    // Polled before only by versions that read the first MAX_ITEMS_PER_POLL items, in the feed's order.
    // (A body read before, remembered by its items or, from versions before those, only by its hash.)
    if (feed.readWindow === undefined && (feed.seen !== undefined || feed.contentHash !== undefined)) {
      earlierRead = listed.slice(0, MAX_ITEMS_PER_POLL);
    }
    language = document.language;
  } catch (error) {
    if (!(error instanceof NotAFeed)) throw error;
    return failed(deps, feed, now, base, error.message, fetched.status);
  }
  const { seen, taken, left, ...counts } = await ingestItems(deps, feed, { items, earlierRead }, language, now);
  await deps.save(
    {
      ...feed,
      // Items left for the next poll: the body's hash and validators are not saved, so it reads this body again.
      ...(left === 0 && { ...validators(fetched), contentHash }),
      seen,
      readWindow: MAX_SEEN,
      lastPolledAt: now.toISOString(),
      lastStatus: 'ok',
      lastHttpStatus: fetched.status,
      lastError: undefined,
      failures: 0,
      articles: feed.articles + counts.new,
      // Items left: polled again soon for them, not a whole interval (up to a day) later; but only once in a
      // row, so a feed whose items change ids on every fetch (a session token in its links) is not polled every 5 minutes.
      catchingUp: left > 0 || undefined,
      nextPollAt: nextPollAt(now, left > 0 && !feed.catchingUp ? MIN_EVERY_MINUTES : feed.everyMinutes, 0).toISOString(),
    },
    counts.new,
  );
  return { ...base, status: 'ok', httpStatus: fetched.status, items: taken, ...counts, ...(left > 0 && { left }) };
}

/** What became of one item: a new article, one given or stored before, or a refusal and its reason. */
type ItemOutcome = 'new' | 'duplicate' | ItemRefusal;

/**
 * Ingests the items this feed has not given before. Items it gave before (by article id, kept in a
 * short bounded list on the feed) are counted as duplicates without a write: a feed that changes one
 * item of fifty costs one ingest, not fifty conditional writes, and no page is fetched twice for full text.
 */
async function ingestItems(
  deps: FeedPollDeps,
  feed: StoredFeed,
  { items, earlierRead }: { items: FeedItem[]; earlierRead?: FeedItem[] },
  language: string | undefined,
  now: Date,
) {
  const context = { url: feed.url, source: feedSource(feed), polledAt: now.toISOString(), ...(language && { language }) };
  const known = new Set([...(feed.seen ?? []), ...(earlierRead ? unreadBefore(items, earlierRead, context) : [])]);
  let unseen = 0;
  // A guid several items of this listing share identifies none of them.
  const guidCounts = new Map<string, number>();
  for (const { guid } of items) if (guid !== undefined) guidCounts.set(guid, (guidCounts.get(guid) ?? 0) + 1);
  const keyed = items
    .map((item) => {
      const key = itemKey(item, context);
      const ownGuid = item.guid !== undefined && guidCounts.get(item.guid) === 1;
      const guid = key === undefined || !ownGuid ? undefined : guidKey(item, context);
      return { item, key, guid, given: key !== undefined && (known.has(key) || (guid !== undefined && known.has(guid))) };
    })
    // Every item given before (no work) and the first MAX_ITEMS_PER_POLL of the others: the rest wait for the next poll.
    .filter(({ key, given }) => key === undefined || given || unseen++ < MAX_ITEMS_PER_POLL);
  const outcomes = await mapLimit(keyed, INGEST_CONCURRENCY, async ({ item, key, given }): Promise<ItemOutcome> => {
    if (key === undefined) return { item: itemLabel(item), reason: NO_TEXT };
    if (given) return 'duplicate';
    const article = itemToArticle(await withFullText(deps, feed, item), context);
    if (!article) return { item: itemLabel(item), reason: NO_TEXT };
    try {
      return (await ingestFinished(deps, article)).duplicate ? 'duplicate' : 'new';
    } catch (error) {
      // A refusal of the item (4xx: too large to store, say) is final. A server-side one is not: an item
      // whose story stayed uncounted after every re-send (503) fails the poll, so the feed's state is not
      // saved and the next poll sends the item again, which finishes it.
      if (error instanceof DomainError && error.status < SERVER_ERROR) {
        return { item: itemLabel(item), reason: refusalReason(error.message, error.details) };
      }
      throw error;
    }
  });
  // A refused item is remembered too: its refusal is final (400, 413), and left unremembered, 200 of them would
  // take every poll's share of new items again and again, and the items after them would never be read.
  const current = keyed.flatMap(({ key, guid }) => [key, guid].filter((k): k is string => k !== undefined));
  const refused = outcomes.filter((o): o is ItemRefusal => typeof o === 'object');
  return {
    new: outcomes.filter((o) => o === 'new').length,
    duplicates: outcomes.filter((o) => o === 'duplicate').length,
    rejected: refused.length,
    ...(refused.length > 0 && { refused: refused.slice(0, MAX_REFUSALS_NAMED) }),
    seen: rememberSeen(current, feed.seen ?? []),
    taken: keyed.length,
    left: items.length - keyed.length,
  };
}

/**
 * The keys of `items` that a feed's earlier polls never read (they read `earlierRead`): old items, which
 * the feed's first poll by this version takes as given before instead of alerting them as new.
 */
function unreadBefore(items: readonly FeedItem[], earlierRead: readonly FeedItem[], context: FeedContext): string[] {
  const read = new Set(earlierRead.map((item) => itemKey(item, context)));
  return items.flatMap((item) => {
    const key = itemKey(item, context);
    return key !== undefined && !read.has(key) ? [key] : [];
  });
}

/** The key a feed remembers an item by (seenKey), undefined for an item that makes no article. */
function itemKey(item: FeedItem, context: FeedContext): string | undefined {
  const article = itemToArticle(item, context);
  return article ? seenKey(article) : undefined;
}

/**
 * Ingests an item, sending it again when the answer is that it was stored but its story was not
 * counted: the re-send counts it in (and says `duplicate`, though this poll stored it).
 */
async function ingestFinished(deps: FeedPollDeps, article: ArticleInput): Promise<{ duplicate: boolean }> {
  for (let attempt = 1; ; attempt++) {
    try {
      const outcome = await deps.ingest(article);
      return attempt > 1 ? { duplicate: false } : outcome;
    } catch (error) {
      if (!(error instanceof StoryNotCounted) || attempt >= STORY_ATTEMPTS) throw error;
    }
  }
}

/** A summary-only item of a `fullText` feed gets its page's article text, else keeps the summary. */
async function withFullText(deps: FeedPollDeps, feed: StoredFeed, item: FeedItem): Promise<FeedItem> {
  if (!feed.fullText || item.hasFullContent || !item.link || !deps.fullText) return item;
  const text = await deps.fullText(item.link).catch(() => undefined);
  return text ? { ...item, text, hasFullContent: true } : item;
}

function validators(fetched: { etag?: string; lastModified?: string }) {
  return { etag: fetched.etag, lastModified: fetched.lastModified };
}

async function unchanged(
  deps: FeedPollDeps,
  feed: StoredFeed,
  now: Date,
  base: Omit<PollOutcome, 'status'>,
  httpStatus: number,
  fresh?: { etag?: string; lastModified?: string },
): Promise<PollOutcome> {
  await deps.save({
    ...feed,
    ...(fresh && validators(fresh)),
    lastPolledAt: now.toISOString(),
    lastStatus: 'not_modified',
    lastHttpStatus: httpStatus,
    lastError: undefined,
    failures: 0,
    nextPollAt: nextPollAt(now, feed.everyMinutes, 0).toISOString(),
  });
  return { ...base, status: 'not_modified', httpStatus };
}

async function failed(
  deps: FeedPollDeps,
  feed: StoredFeed,
  now: Date,
  base: Omit<PollOutcome, 'status'>,
  error: string,
  httpStatus?: number,
  retryAfter?: number,
): Promise<PollOutcome> {
  const failures = feed.failures + 1;
  await deps.save({
    ...feed,
    lastPolledAt: now.toISOString(),
    lastStatus: 'error',
    lastHttpStatus: httpStatus,
    lastError: error,
    failures,
    nextPollAt: nextPollAt(now, feed.everyMinutes, failures, retryAfter).toISOString(),
  });
  return { ...base, status: 'error', ...(httpStatus !== undefined && { httpStatus }), error };
}
