import { claimFeed, getFeed, listFeeds, saveFeed } from '../../adapters/feed-repository';
import type { FeedDispatch } from '../../adapters/feed-queue';
import type { Table } from '../../adapters/table';
import { inCreatedOrder } from '../../core/created-order';
import type { PollAnswer } from '../../core/api-answers';
import { claimDedupId, hostGroupOf } from '../../core/feeds/host-group';
import { CLAIM_LEASE_MS, isDue } from '../../core/feeds/schedule';
import { shownFeedUrl, type StoredFeed } from '../../core/feeds/feed';
import { mapLimit } from '../map-limit';
import { pollFeed, type FeedPollDeps, type PollOutcome } from './poll-feed';

/** Feeds polled at once by one process (each host further limited by the fetcher). */
export const POLL_CONCURRENCY = 16;

export interface FeedRunDeps extends Omit<FeedPollDeps, 'save'> {
  table: Table;
}

const pollDeps = (deps: FeedRunDeps): FeedPollDeps => ({
  ...deps,
  save: async (feed, added) => {
    await saveFeed(deps.table, feed, added);
  },
});

/**
 * Polls one feed; an unexpected failure (the table, a bug) is reported as that feed's error so that
 * it never stops the others — and never leaves the API's separately bundled chunk as an error its
 * index.js could misread (functions/handlers/api.ts).
 */
async function pollSafely(deps: FeedPollDeps, feed: StoredFeed): Promise<PollOutcome> {
  try {
    return await pollFeed(deps, feed);
  } catch (error) {
    return {
      id: feed.id,
      url: shownFeedUrl(feed.url),
      status: 'error',
      items: 0,
      new: 0,
      duplicates: 0,
      rejected: 0,
      error: `internal: ${(error as Error).name}`,
    };
  }
}

/** `POST /feeds/poll` and `feeds poll`: every feed now, due or not, answered in `GET /feeds`'s order. */
export async function pollAllFeeds(deps: FeedRunDeps): Promise<PollAnswer> {
  const feeds = inCreatedOrder(await listFeeds(deps.table));
  return { results: await mapLimit(feeds, POLL_CONCURRENCY, (feed) => pollSafely(pollDeps(deps), feed)) };
}

/**
 * The due feeds, each claimed for one poll (its next poll time moved a lease ahead, conditionally), so
 * overlapping dispatcher runs hand out each feed once. Returns the feeds claimed.
 */
export async function claimDueFeeds(table: Table, now: Date): Promise<FeedDispatch[]> {
  const due = (await listFeeds(table)).filter((feed) => isDue(feed, now));
  const lease = new Date(now.getTime() + CLAIM_LEASE_MS).toISOString();
  const claimed = await mapLimit(
    due,
    POLL_CONCURRENCY,
    async (feed): Promise<FeedDispatch | undefined> =>
      (await claimFeed(table, feed, lease))
        ? { feedId: feed.id, group: hostGroupOf(feed.url), dedupId: claimDedupId(feed.id, lease) }
        : undefined,
  );
  return claimed.filter((c): c is FeedDispatch => c !== undefined);
}

/** The poller's work for one claimed feed id (an SQS message); a feed removed meanwhile is skipped. */
export async function pollFeedById(deps: FeedRunDeps, id: string): Promise<PollOutcome | undefined> {
  const feed = await getFeed(deps.table, id);
  return feed ? pollFeed(pollDeps(deps), feed) : undefined;
}
