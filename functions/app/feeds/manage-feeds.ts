import { deleteFeed, listFeeds, putFeedIfAbsent, getFeed } from '../../adapters/feed-repository';
import type { Table } from '../../adapters/table';
import { inCreatedOrder } from '../../core/created-order';
import { isPublicAddress, literalAddress } from '../../core/feeds/address-policy';
import type { FeedAnswer, FeedListAnswer } from '../../core/api-answers';
import { FeedInput, feedId, feedView, newStoredFeed, type StoredFeed } from '../../core/feeds/feed';
import { FeedAlreadyAdded, NotFound, ValidationFailed } from '../../core/errors';

export interface FeedAdminDeps {
  table: Table;
  /** Deployed: feeds may point only at public addresses (checked again on every fetch and redirect). */
  publicOnly: boolean;
  now?: () => Date;
}

/** `POST /feeds`: a new feed (created) or the one already stored for the same URL (not created). */
export async function addFeed(deps: FeedAdminDeps, body: unknown): Promise<{ created: boolean; feed: FeedAnswer }> {
  const input = FeedInput.parse(body);
  if (deps.publicOnly) refuseNonPublicLiteral(input.url);
  const now = (deps.now ?? (() => new Date()))().toISOString();
  const feed = newStoredFeed(
    {
      id: feedId(input.url),
      url: input.url,
      ...(input.source !== undefined && { source: input.source }),
      everyMinutes: input.everyMinutes,
      fullText: input.fullText,
    },
    now,
  );
  if (await putFeedIfAbsent(deps.table, feed)) return { created: true, feed: feedView(feed) };
  const stored = await getFeed(deps.table, feed.id);
  if (stored) refuseOtherSettings(body, input, stored);
  return { created: false, feed: feedView(stored ?? feed) };
}

/** The settings a request may give, each compared only when the request gives it (an omitted one asks for nothing). */
const SETTINGS = ['source', 'everyMinutes', 'fullText'] as const;

/**
 * The same feed asked for with a setting it does not have (`--every 30` on a feed polled every 15
 * minutes) is a 409 naming each such setting, as a subscription of the same endpoint with other settings
 * is: answering 200 would tell the user a change was made that was not.
 */
function refuseOtherSettings(body: unknown, input: FeedInput, stored: StoredFeed): void {
  const given = typeof body === 'object' && body !== null ? body : {};
  const differing = SETTINGS.filter((name) => name in given && input[name] !== stored[name]);
  if (differing.length === 0) return;
  const message = `the feed ${stored.id} has another value; remove it (DELETE /feeds/${stored.id}) and add it again to change it`;
  throw new FeedAlreadyAdded(
    `This feed is already added (${stored.id}) with other settings: ${differing.join(', ')}`,
    differing.map((path) => ({ path, message })),
  );
}

/**
 * A URL naming a loopback, private or link-local address outright is refused at once; a host name is
 * resolved (and refused) when the feed is fetched, since its address can change.
 */
function refuseNonPublicLiteral(url: string): void {
  const host = new URL(url).hostname;
  const literal = literalAddress(host);
  if (host === 'localhost' || host.endsWith('.localhost') || (literal !== undefined && !isPublicAddress(literal))) {
    const message = 'must point at a public address (loopback, private and link-local addresses are refused)';
    throw new ValidationFailed(`url: ${message}`, [{ path: 'url', message }]);
  }
}

export async function listFeedViews(deps: FeedAdminDeps): Promise<FeedListAnswer> {
  return { items: inCreatedOrder(await listFeeds(deps.table)).map(feedView) };
}

export async function removeFeed(deps: FeedAdminDeps, id: string | undefined): Promise<void> {
  if (!id || !(await deleteFeed(deps.table, id))) throw new NotFound('No feed with this id');
}
