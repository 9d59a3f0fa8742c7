import type { Metrics } from '@aws-lambda-powertools/metrics';
import { createFetcher } from '../adapters/http-fetcher';
import type { Table } from '../adapters/table';
import { createWatchlistCache } from '../adapters/watchlist-cache';
import type { FeedRunDeps } from '../app/feeds/poll-feeds';
import { pageTextReader } from '../app/feeds/page-text';
import { ingestArticle, type IngestDeps } from '../app/ingest-articles';
import { createTaggerSource } from '../app/tagging';
import { feedsPublicOnly } from './feed-wiring';
import { config } from './settings';

/** What polling needs: the guarded fetcher and the very ingest use case behind POST /articles. */
export function feedRunDeps(table: Table, metrics: Metrics): FeedRunDeps {
  const ingestDeps: IngestDeps = {
    table,
    currentTagger: createTaggerSource(createWatchlistCache(table, config.watchlistTtlMs())),
    retentionDays: config.retentionDays(),
    clusterStories: config.clusterStories(),
    metrics,
  };
  const fetcher = createFetcher({ publicOnly: feedsPublicOnly() });
  return { table, fetcher, ingest: (article) => ingestArticle(ingestDeps, article), fullText: pageTextReader(fetcher) };
}
