import type { Metrics } from '@aws-lambda-powertools/metrics';
import { ENV } from '../adapters/env-names';
import { createFetcher } from '../adapters/http-fetcher';
import type { Table } from '../adapters/table';
import { createWatchlistCache } from '../adapters/watchlist-cache';
import type { FeedAdminDeps } from '../app/feeds/manage-feeds';
import type { FeedRunDeps } from '../app/feeds/poll-feeds';
import { pageTextReader } from '../app/feeds/page-text';
import { ingestArticle, type IngestDeps } from '../app/ingest-articles';
import { createTaggerSource } from '../app/tagging';
import { config } from './settings';

/** Deployed, feeds reach public addresses only; the local runtime alone sets the opt-out. */
export const feedsPublicOnly = () => process.env[ENV.feedsAllowPrivate] !== 'true';

export function feedAdminDeps(table: Table): FeedAdminDeps {
  return { table, publicOnly: feedsPublicOnly() };
}

/** What polling needs: the guarded fetcher and the very ingest use case behind POST /articles. */
export function feedRunDeps(table: Table, metrics: Metrics): FeedRunDeps {
  const ingestDeps: IngestDeps = {
    table,
    currentTagger: createTaggerSource(createWatchlistCache(table, config.watchlistTtlMs())),
    retentionDays: config.retentionDays(),
    metrics,
  };
  const fetcher = createFetcher({ publicOnly: feedsPublicOnly() });
  return { table, fetcher, ingest: (article) => ingestArticle(ingestDeps, article), fullText: pageTextReader(fetcher) };
}
