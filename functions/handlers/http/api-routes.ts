import type { Table } from '../../adapters/table';
import type { WatchlistCache } from '../../adapters/watchlist-cache';
import { NotFound } from '../../core/errors';
import { checkPathIds } from '../../core/path-ids';
import { created, noContent, ok, type HttpEvent, type HttpResult } from './with-http';
import type { SubscriptionDeps } from '../../app/subscriptions';
import type { FeedAdminDeps } from '../../app/feeds/manage-feeds';
import type { DigestRunAnswer, PollAnswer } from '../../core/api-answers';
import type { DigestDeps } from '../../app/digests/send-digests';

export interface ApiDeps {
  table: Table;
  watchlists: WatchlistCache;
  subscriptions: SubscriptionDeps;
  feeds: FeedAdminDeps;
  digests: DigestDeps;
  /**
   * `POST /feeds/poll`: polls every feed now. Only this route fetches and ingests; its code (feed
   * parsers, HTML to text, the tagger) is loaded with the first call, so it is not on every cold start.
   */
  pollAllFeeds: () => Promise<PollAnswer>;
}

type RouteHandler = (deps: ApiDeps, event: HttpEvent) => Promise<HttpResult>;

// Each group of use cases, with the zod schemas it builds, loads with its first request: a cold start
// evaluates only what its first route needs (in the bundle these stay parsed but unevaluated).
const articles = () => import('../../app/articles');
const subscriptions = () => import('../../app/subscriptions');
const watchlist = () => import('../../app/watchlist-entries');
const stories = () => import('../../app/stories/story-queries');
const feeds = () => import('../../app/feeds/manage-feeds');
const alertList = () => import('../../app/alert-list');
const digests = () => import('../../app/digests/send-digests');
const digestRequest = () => import('../../core/digests/digest-request');
const pollRequest = () => import('../../core/feeds/poll-request');

const pathId = (event: HttpEvent) => event.pathParameters?.id;
const query = (event: HttpEvent) => event.queryStringParameters ?? {};

/** Route key (as in functions/core/routes.ts, target `api`) -> what answers it. */
export const apiRoutes: Readonly<Record<string, RouteHandler>> = {
  'GET /articles/{id}': async (deps, event) => ok(await (await articles()).articleById(deps.table, pathId(event) ?? '')),
  'GET /articles': async (deps, event) => ok(await (await articles()).articlesByTag(deps.table, query(event))),
  'POST /digests': async (deps, event) => {
    const { delivery } = (await digestRequest()).DigestRequest.parse(event.parsedBody);
    return ok({
      items: await (await digests()).sendDigests(deps.digests, delivery ? [delivery] : ['hourly', 'daily']),
    } satisfies DigestRunAnswer);
  },
  'GET /alerts': async (deps, event) => ok(await (await alertList()).listAlerts(deps.table, query(event))),
  'GET /stories': async (deps, event) => ok(await (await stories()).storiesByTag(deps.table, query(event))),
  'GET /stories/{id}': async (deps, event) => ok(await (await stories()).storyById(deps.table, pathId(event) ?? '')),
  'GET /watchlist': async (deps) => ok(await (await watchlist()).currentWatchlist(deps)),
  'PUT /watchlist/people/{id}': async (deps, event) =>
    entryPut(await (await watchlist()).putEntry(deps, 'person', pathId(event), event.parsedBody)),
  'PUT /watchlist/topics/{id}': async (deps, event) =>
    entryPut(await (await watchlist()).putEntry(deps, 'topic', pathId(event), event.parsedBody)),
  'DELETE /watchlist/people/{id}': async (deps, event) => {
    await (await watchlist()).deleteEntry(deps, 'person', pathId(event));
    return noContent();
  },
  'DELETE /watchlist/topics/{id}': async (deps, event) => {
    await (await watchlist()).deleteEntry(deps, 'topic', pathId(event));
    return noContent();
  },
  'POST /subscriptions': async (deps, event) => {
    const { created: isNew, subscription } = await (await subscriptions()).createSubscription(deps.subscriptions, event.parsedBody);
    return isNew ? created(subscription) : ok(subscription);
  },
  'GET /subscriptions': async (deps) => ok(await (await subscriptions()).listAll(deps.subscriptions)),
  'DELETE /subscriptions/{id}': async (deps, event) => {
    await (await subscriptions()).removeSubscription(deps.subscriptions, pathId(event));
    return noContent();
  },
  'POST /feeds': async (deps, event) => {
    const { created: isNew, feed } = await (await feeds()).addFeed(deps.feeds, event.parsedBody);
    return isNew ? created(feed) : ok(feed);
  },
  'GET /feeds': async (deps) => ok(await (await feeds()).listFeedViews(deps.feeds)),
  'DELETE /feeds/{id}': async (deps, event) => {
    await (await feeds()).removeFeed(deps.feeds, pathId(event));
    return noContent();
  },
  'POST /feeds/poll': async (deps, event) => {
    (await pollRequest()).PollRequest.parse(event.parsedBody);
    return ok(await deps.pollAllFeeds());
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
