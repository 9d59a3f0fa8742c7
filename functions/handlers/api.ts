import { ENV, requireEnv } from '../adapters/env-names';
import { createSnsClient } from '../adapters/sns';
import { createDocumentClient, tableFromEnv } from '../adapters/table';
import { createWatchlistCache } from '../adapters/watchlist-cache';
import { routeApi, type ApiDeps } from './http/api-routes';
import { withHttp } from './http/with-http';
import { feedAdminDeps } from './feed-wiring';
import { metrics, tracer } from './observability';

const table = tableFromEnv(createDocumentClient((client) => tracer.captureAWSv3Client(client)));
// TTL 0: the API reads the watchlist fresh, so an edit is visible to the next GET or subscribe at once
// (only ingest, on the hot path, caches it).
const watchlists = createWatchlistCache(table, 0);
const deadLetterArn = process.env[ENV.subscriptionDlqArn];
const sns = createSnsClient((client) => tracer.captureAWSv3Client(client));
const deps: ApiDeps = {
  table,
  watchlists,
  subscriptions: {
    table,
    sns,
    topicArn: requireEnv(ENV.topicArn),
    ...(deadLetterArn && { deadLetterArn }),
    watchlist: async () => (await watchlists.get()).watchlist,
  },
  feeds: feedAdminDeps(table),
  // `newswatch digest send` (POST /digests) sends digests from here; the schedule uses the digest function.
  digests: { table, sns, topicArn: requireEnv(ENV.topicArn), metrics },
  // Loaded on the first poll (see ApiDeps.feedRun): the polling code is most of this bundle.
  feedRun: once(async () => (await import('./feed-run-wiring')).feedRunDeps(table, metrics)),
};

function once<T>(build: () => T): () => T {
  let built: T | undefined;
  return () => {
    built ??= build();
    return built;
  };
}

/** Queries, subscriptions, the watchlist and feeds: one Lambda, routed by the API Gateway route key. */
export const handler = withHttp((event) => routeApi(deps, event));
