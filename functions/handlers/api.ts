import { ENV, requireEnv } from '../adapters/env-names';
import { createSnsClient } from '../adapters/sns';
import { createDocumentClient, tableFromEnv } from '../adapters/table';
import { routeApi, type ApiDeps } from './http/api-routes';
import { withHttp } from './http/with-http';
import { feedAdminDeps } from './feed-wiring';
import { lazyWatchlistCache } from './lazy-watchlist-cache';
import type { PollAllNow } from './feed-poll-now';
import { logger, metrics, reportSkippedRecord, tracer } from './observability';

const table = tableFromEnv(createDocumentClient((client) => tracer.captureAWSv3Client(client)));
const watchlists = lazyWatchlistCache(table);
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
  digests: {
    table,
    sns,
    topicArn: requireEnv(ENV.topicArn),
    metrics,
    logFailure: (subscriptionId, error) => logger.error('Digest not sent; its period is kept for a later run', { subscriptionId, error }),
  },
  pollAllFeeds: async () => (await pollAllNow())(),
};

/** The file lib/bundling.ts `lazyChunks` writes `feed-poll-now.ts` to, next to the API's index.js. */
const FEED_POLL_CHUNK = './feed-poll-now.js';

// Loaded on the first poll (see ApiDeps.pollAllFeeds). Bundled for Lambda, `process.env.NEWSWATCH_BUNDLE`
// is the constant 'lambda' (lib/bundling.ts `bundleDefine`; it must stay written out in the condition for
// esbuild to see it), so the import below is dead code and the feed parsers are not in index.js; tests and
// the local runtime import the source.
//
// The chunk has its own copy of every class it shares with index.js, so an error it throws is not
// `instanceof` index.js's DomainError, and the error mapper would answer a 4xx from it as a 500. No such
// error can reach the mapper: pollAllFeeds turns each feed's failure, DomainErrors of its ingest included,
// into that feed's outcome (app/feeds/poll-feeds.ts pollSafely), and what it can throw besides comes from
// listing the feeds — the SDK's errors (one copy: the runtime's, never bundled) and a DamagedRecord for a
// stored feed that does not parse, both a 500 whichever copy threw them; zod's errors would be recognised
// across copies too (zod's classes test instances by trait, not by prototype). A route that lets a chunk's
// DomainError out must first make the mapper recognise it by a brand rather than by class.
const pollAllNow = once(async (): Promise<PollAllNow> => {
  const chunk: typeof import('./feed-poll-now') =
    process.env.NEWSWATCH_BUNDLE === 'lambda' ? require(FEED_POLL_CHUNK) : await import('./feed-poll-now');
  return chunk.pollAllNow(table, metrics, reportSkippedRecord);
});

function once<T>(build: () => T): () => T {
  let built: T | undefined;
  return () => {
    built ??= build();
    return built;
  };
}

/** Queries, subscriptions, the watchlist and feeds: one Lambda, routed by the API Gateway route key. */
export const handler = withHttp((event) => routeApi(deps, event));
