import middy from '@middy/core';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { DynamoDBRecord, DynamoDBStreamEvent, DynamoDBBatchResponse } from 'aws-lambda';
import { sqsDeadLetterSink } from '../adapters/alert-dead-letter';
import { ENV, requireEnv } from '../adapters/env-names';
import { createSnsClient } from '../adapters/sns';
import { snsSdkNow } from '../adapters/sns-sdk-now';
import { createDocumentClient, tableFromEnv } from '../adapters/table';
import { dispatchAlert, type DispatchDeps } from '../app/dispatch-alert';
import { logger, metrics, tracer } from './observability';

const deps: DispatchDeps = {
  table: tableFromEnv(createDocumentClient((client) => tracer.captureAWSv3Client(client))),
  sns: createSnsClient((client) => tracer.captureAWSv3Client(client), snsSdkNow),
  topicArn: requireEnv(ENV.topicArn),
  metrics,
  deadLetter: sqsDeadLetterSink(requireEnv(ENV.alertDlqUrl)),
};
const processor = new BatchProcessor(EventType.DynamoDBStreams);

async function recordHandler(record: DynamoDBRecord): Promise<void> {
  try {
    const outcome = await dispatchAlert(deps, record);
    logger.info('Stream record handled', { outcome, eventId: record.eventID });
  } catch (error) {
    logger.warn('Stream record failed; it will be retried', { eventId: record.eventID, error: error as Error });
    // Handed back as a batch item failure, it never counts as a Lambda error: this metric is what its alarm watches.
    metrics.addMetric('StreamRecordsFailed', MetricUnit.Count, 1);
    throw error;
  }
}

/**
 * DynamoDB stream consumer: one SNS alert per new matched article; failed records go back as
 * batchItemFailures (even when all fail, so the event source mapping bisects and retries the same way).
 */
export const handler = middy<DynamoDBStreamEvent, DynamoDBBatchResponse>()
  .use(injectLambdaContext(logger, { logEvent: false, resetKeys: true }))
  .use(tracer.captureLambdaHandler({ captureResponse: false }))
  .use(logMetrics(metrics, { captureColdStartMetric: true }))
  .handler(async (event, context) => processPartialResponse(event, recordHandler, processor, { context, throwOnFullBatchFailure: false }));
