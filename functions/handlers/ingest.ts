import { createDocumentClient, tableFromEnv } from '../adapters/table';
import { createWatchlistCache } from '../adapters/watchlist-cache';
import { ArticleInput } from '../core/article';
import { createTaggerSource } from '../app/tagging';
import { ingestArticle, ingestBatch, isBatch, type IngestDeps } from '../app/ingest-articles';
import { config } from './settings';
import { json, ok, withHttp } from './http/with-http';
import { metrics, tracer } from './observability';

const table = tableFromEnv(createDocumentClient((client) => tracer.captureAWSv3Client(client)));
const deps: IngestDeps = {
  table,
  currentTagger: createTaggerSource(createWatchlistCache(table, config.watchlistTtlMs())),
  retentionDays: config.retentionDays(),
  clusterStories: config.clusterStories(),
  metrics,
};

/** POST /articles: one article (201 new / 200 duplicate) or `{"articles": [...]}` (200 with per-item results). */
export const handler = withHttp(async (event) => {
  if (isBatch(event.parsedBody)) return ok(await ingestBatch(deps, event.parsedBody));
  const outcome = await ingestArticle(deps, ArticleInput.parse(event.parsedBody));
  return json(outcome.duplicate ? 200 : 201, outcome);
});
