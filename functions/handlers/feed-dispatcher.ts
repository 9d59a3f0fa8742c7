import middy from '@middy/core';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { ENV, requireEnv } from '../adapters/env-names';
import { createSqsClient, sendFeeds } from '../adapters/feed-queue';
import { createDocumentClient, tableFromEnv } from '../adapters/table';
import { claimDueFeeds } from '../app/feeds/poll-feeds';
import { logger, metrics, tracer } from './observability';

const table = tableFromEnv(createDocumentClient((client) => tracer.captureAWSv3Client(client)));
const sqs = createSqsClient((client) => tracer.captureAWSv3Client(client));
const queueUrl = requireEnv(ENV.feedQueueUrl);

/** On a schedule: claim the feeds that are due and fan them out to the poller through SQS. */
export const handler = middy<unknown, { dispatched: number }>()
  .use(injectLambdaContext(logger, { logEvent: false, resetKeys: true }))
  .use(tracer.captureLambdaHandler({ captureResponse: false }))
  .use(logMetrics(metrics, { captureColdStartMetric: true }))
  .handler(async () => {
    const dispatched = await sendFeeds(sqs, queueUrl, await claimDueFeeds(table, new Date()));
    metrics.addMetric('FeedsDispatched', MetricUnit.Count, dispatched);
    logger.info('Feeds dispatched', { dispatched });
    return { dispatched };
  });
