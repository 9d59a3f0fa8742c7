import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { ENV, requireEnv } from '../adapters/env-names';
import { createSnsClient } from '../adapters/sns';
import { createDocumentClient, tableFromEnv } from '../adapters/table';
import { type DigestDeps, type DigestResult, sendDigests } from '../app/digests/send-digests';
import { dailyDigestHour, dueDeliveries } from '../core/digests/digest';
import { logger, metrics, tracer } from './observability';

const deps: DigestDeps = {
  table: tableFromEnv(createDocumentClient((client) => tracer.captureAWSv3Client(client))),
  sns: createSnsClient((client) => tracer.captureAWSv3Client(client)),
  topicArn: requireEnv(ENV.topicArn),
  metrics,
  logFailure: (subscriptionId, error) => logger.error('Digest not sent; its period is kept for a later run', { subscriptionId, error }),
};
/** Read at cold start: a bad setting fails loudly, before any digest is sent at the wrong hour. */
const dailyHour = dailyDigestHour(process.env[ENV.dailyDigestHour]);

/**
 * The digest schedule (EventBridge Scheduler on the hour; the local runtime's timer): hourly digests
 * every hour, daily ones at 07:00 UTC (or the hour NEWSWATCH_DAILY_DIGEST_HOUR says) as well.
 * A subscription whose digest failed does not stop the others; the run then fails, after all were tried.
 */
export const handler = middy<unknown, DigestResult[]>()
  .use(injectLambdaContext(logger, { logEvent: false, resetKeys: true }))
  .use(tracer.captureLambdaHandler({ captureResponse: false }))
  .use(logMetrics(metrics, { captureColdStartMetric: true }))
  .handler(async () => {
    const results = await sendDigests(deps, dueDeliveries(new Date(), dailyHour));
    const failed = results.filter((r) => r.failed);
    logger.info('Digests run', { subscriptions: results.length, sent: results.filter((r) => r.sent).length, failed: failed.length });
    // Thrown after every subscription was tried, so the run's error alarm still fires.
    if (failed.length > 0) throw new Error(`${failed.length} of ${results.length} digests not sent; the next run sends them`);
    return results;
  });
