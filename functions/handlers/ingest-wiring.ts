import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { Table } from '../adapters/table';
import { createWatchlistCache } from '../adapters/watchlist-cache';
import type { IngestDeps } from '../app/ingest-articles';
import { createTaggerSource } from '../app/tagging';
import { config } from './settings';

/** What the ingest use case needs, for POST /articles and for the feed poller alike. */
export function ingestDeps(table: Table, metrics: Metrics): IngestDeps {
  return {
    table,
    currentTagger: createTaggerSource(createWatchlistCache(table, config.watchlistTtlMs())),
    retentionDays: config.retentionDays(),
    clusterStories: config.clusterStories(),
    metrics,
  };
}
