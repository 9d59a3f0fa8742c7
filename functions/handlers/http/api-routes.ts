import type { Table } from '../../adapters/table';
import type { WatchlistCache } from '../../adapters/watchlist-cache';
import { NotFound } from '../../core/errors';
import { checkPathIds } from '../../core/path-ids';
import { created, noContent, ok, type HttpEvent, type HttpResult } from './with-http';
import { articleById, articlesByTag } from '../../app/articles';
import { createSubscription, listAll, removeSubscription, type SubscriptionDeps } from '../../app/subscriptions';
import { currentWatchlist, deleteEntry, putEntry } from '../../app/watchlist';
import { storiesByTag, storyById } from '../../app/stories/story-queries';
import { addFeed, listFeedViews, removeFeed, type FeedAdminDeps } from '../../app/feeds/manage-feeds';
import type { FeedRunDeps } from '../../app/feeds/poll-feeds';
import { listAlerts } from '../../app/alert-log';
import { type DigestDeps, sendDigests } from '../../app/digests/send-digests';
import { DigestRequest } from '../../core/digests/digest-request';

export interface ApiDeps {
  table: Table;
  watchlists: WatchlistCache;
  subscriptions: SubscriptionDeps;
  feeds: FeedAdminDeps;
  digests: DigestDeps;
  /**
   * Built on first use: only `POST /feeds/poll` fetches and ingests. Its code (feed parsers, HTML to
   * text, the tagger) is loaded then too, so it is not on every cold start of the API function.
   */
  feedRun: () => Promise<FeedRunDeps>;
}

type RouteHandler = (deps: ApiDeps, event: HttpEvent) => Promise<HttpResult>;

const pathId = (event: HttpEvent) => event.pathParameters?.id;
const query = (event: HttpEvent) => event.queryStringParameters ?? {};

/** Route key (as in functions/core/routes.ts, target `api`) -> what answers it. */
export const apiRoutes: Readonly<Record<string, RouteHandler>> = {
  'GET /articles/{id}': async (deps, event) => ok(await articleById(deps.table, pathId(event) ?? '')),
  'GET /articles': async (deps, event) => ok(await articlesByTag(deps.table, query(event))),
  'POST /digests': async (deps, event) => {
    const { delivery } = DigestRequest.parse(event.parsedBody ?? {});
    return ok({ items: await sendDigests(deps.digests, delivery ? [delivery] : ['hourly', 'daily']) });
  },
  'GET /alerts': async (deps, event) => ok(await listAlerts(deps.table, query(event))),
  'GET /stories': async (deps, event) => ok(await storiesByTag(deps.table, query(event))),
  'GET /stories/{id}': async (deps, event) => ok(await storyById(deps.table, pathId(event) ?? '')),
  'GET /watchlist': async (deps) => ok(await currentWatchlist(deps)),
  'PUT /watchlist/people/{id}': async (deps, event) => entryPut(await putEntry(deps, 'person', pathId(event), event.parsedBody)),
  'PUT /watchlist/topics/{id}': async (deps, event) => entryPut(await putEntry(deps, 'topic', pathId(event), event.parsedBody)),
  'DELETE /watchlist/people/{id}': async (deps, event) => {
    await deleteEntry(deps, 'person', pathId(event));
    return noContent();
  },
  'DELETE /watchlist/topics/{id}': async (deps, event) => {
    await deleteEntry(deps, 'topic', pathId(event));
    return noContent();
  },
  'POST /subscriptions': async (deps, event) => created(await createSubscription(deps.subscriptions, event.parsedBody)),
  'GET /subscriptions': async (deps) => ok(await listAll(deps.subscriptions)),
  'DELETE /subscriptions/{id}': async (deps, event) => {
    await removeSubscription(deps.subscriptions, pathId(event));
    return noContent();
  },
  'POST /feeds': async (deps, event) => {
    const { created: isNew, feed } = await addFeed(deps.feeds, event.parsedBody);
    return isNew ? created(feed) : ok(feed);
  },
  'GET /feeds': async (deps) => ok(await listFeedViews(deps.feeds)),
  'DELETE /feeds/{id}': async (deps, event) => {
    await removeFeed(deps.feeds, pathId(event));
    return noContent();
  },
  'POST /feeds/poll': async (deps) => {
    const { pollAllFeeds } = await import('../../app/feeds/poll-feeds');
    return ok(await pollAllFeeds(await deps.feedRun()));
  },
};

function entryPut(result: { created: boolean; entry: unknown }): HttpResult {
  return result.created ? created(result.entry) : ok(result.entry);
}

export async function routeApi(deps: ApiDeps, event: HttpEvent): Promise<HttpResult> {
  const route = apiRoutes[event.routeKey];
  if (!route) throw new NotFound('No such route');
  checkPathIds(event.routeKey, event.pathParameters);
  return route(deps, event);
}
