import { createDocumentClient, tableFromEnv } from '../adapters/table';
import { ArticleInput } from '../core/article';
import { type BatchItemOutcome, ingestArticle, ingestBatch, isBatch } from '../app/ingest-articles';
import type { IngestBatchAnswer, IngestItemAnswer } from '../core/api-answers';
import { ingestDeps } from './ingest-wiring';
import { json, ok, withHttp } from './http/with-http';
import { metrics, tracer } from './observability';

const deps = ingestDeps(tableFromEnv(createDocumentClient((client) => tracer.captureAWSv3Client(client))), metrics);

/** A batch item's result: the status the article alone would have been answered with, and its answer or error. */
function itemAnswer(item: BatchItemOutcome): IngestItemAnswer {
  if ('outcome' in item) return { index: item.index, status: item.outcome.duplicate ? 200 : 201, ...item.outcome };
  const { status, code, message, details } = item.refused;
  return { index: item.index, status, error: { code, message, ...(details && { details }) } };
}

/** POST /articles: one article (201 new / 200 duplicate) or `{"articles": [...]}` (200 with per-item results). */
export const handler = withHttp(async (event) => {
  if (isBatch(event.parsedBody)) {
    const answer: IngestBatchAnswer = { results: (await ingestBatch(deps, event.parsedBody)).map(itemAnswer) };
    return ok(answer);
  }
  const outcome = await ingestArticle(deps, ArticleInput.parse(event.parsedBody));
  return json(outcome.duplicate ? 200 : 201, outcome);
});
