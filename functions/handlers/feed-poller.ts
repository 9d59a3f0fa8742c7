import middy from '@middy/core';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { createDocumentClient, tableFromEnv } from '../adapters/table';
import { parseFeedMessage } from '../core/feeds/feed-message';
import { pollFeedById } from '../app/feeds/poll-feeds';
import { feedRunDeps } from './feed-run-wiring';
import { logger, metrics, tracer } from './observability';

const deps = feedRunDeps(tableFromEnv(createDocumentClient((client) => tracer.captureAWSv3Client(client))), metrics);
const processor = new BatchProcessor(EventType.SQS);

/** One feed per message. The feed's own failures are recorded on it (and counted); only our own fail the message. */
async function recordHandler(record: SQSRecord): Promise<void> {
  const outcome = await pollFeedById(deps, parseFeedMessage(record.body).feedId);
  if (!outcome) return;
  metrics.addMetric('FeedPolls', MetricUnit.Count, 1);
  metrics.addMetric('FeedErrors', MetricUnit.Count, outcome.status === 'error' ? 1 : 0);
  metrics.addMetric('FeedArticles', MetricUnit.Count, outcome.new);
  logger.info('Feed polled', {
    feedId: outcome.id,
    status: outcome.status,
    httpStatus: outcome.httpStatus,
    new: outcome.new,
    rejected: outcome.rejected,
    refused: outcome.refused,
    error: outcome.error,
  });
}

/** SQS-fed poller: partial batch responses, so one failing message is retried (then dead-lettered) alone. */
export const handler = middy<SQSEvent, SQSBatchResponse>()
  .use(injectLambdaContext(logger, { logEvent: false, resetKeys: true }))
  .use(tracer.captureLambdaHandler({ captureResponse: false }))
  .use(logMetrics(metrics, { captureColdStartMetric: true }))
  .handler(async (event, context) => processPartialResponse(event, recordHandler, processor, { context, throwOnFullBatchFailure: false }));
