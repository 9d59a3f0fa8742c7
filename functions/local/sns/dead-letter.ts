/**
 * The stream consumer's on-failure destination: an SQS queue in fauxqs receiving the same invocation
 * record Lambda sends for a DynamoDB stream batch that exhausted its retries. Lambda's record only
 * points at the shard range (you read the records from the stream); dynalite has no stream to read,
 * so the local record also carries the failed records themselves under `records` (local extension).
 */
import { randomUUID } from 'node:crypto';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBRecord } from 'aws-lambda';

export function failureRecord(records: DynamoDBRecord[], condition: string, attempts: number, functionArn: string) {
  const first = records[0]?.dynamodb;
  const last = records[records.length - 1]?.dynamodb;
  const arrival = (seconds?: number) => new Date((seconds ?? Date.now() / 1000) * 1000).toISOString();
  return {
    requestContext: { requestId: randomUUID(), functionArn, condition, approximateInvokeCount: attempts },
    responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
    version: '1.0',
    timestamp: new Date().toISOString(),
    DDBStreamBatchInfo: {
      shardId: 'shardId-local-000000',
      startSequenceNumber: first?.SequenceNumber,
      endSequenceNumber: last?.SequenceNumber,
      approximateArrivalOfFirstRecord: arrival(first?.ApproximateCreationDateTime),
      approximateArrivalOfLastRecord: arrival(last?.ApproximateCreationDateTime),
      batchSize: records.length,
      streamArn: records[0]?.eventSourceARN,
    },
    records,
  };
}

export function deadLetterSender(sqs: SQSClient, queueUrl: string, functionArn: string) {
  return async (records: DynamoDBRecord[], condition: string, attempts: number): Promise<void> => {
    const message = failureRecord(records, condition, attempts, functionArn);
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(message) }));
  };
}
