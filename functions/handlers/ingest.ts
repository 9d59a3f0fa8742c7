import { createDocumentClient, tableFromEnv } from '../adapters/table';
import { ArticleInput } from '../core/article';
import { ingestArticle, ingestBatch, isBatch } from '../app/ingest-articles';
import { ingestDeps } from './ingest-wiring';
import { json, ok, withHttp } from './http/with-http';
import { metrics, tracer } from './observability';

const deps = ingestDeps(tableFromEnv(createDocumentClient((client) => tracer.captureAWSv3Client(client))), metrics);

/** POST /articles: one article (201 new / 200 duplicate) or `{"articles": [...]}` (200 with per-item results). */
export const handler = withHttp(async (event) => {
  if (isBatch(event.parsedBody)) return ok(await ingestBatch(deps, event.parsedBody));
  const outcome = await ingestArticle(deps, ArticleInput.parse(event.parsedBody));
  return json(outcome.duplicate ? 200 : 201, outcome);
});
