import type { SQSClient } from '@aws-sdk/client-sqs';
// Its type only: the schemas are for the reader (alerts redrive), not built at the dispatcher's and sweeper's init.
import type { AlertDeadLetter } from '../core/alerts/dead-letter-message';

export type DeadLetterSink = (letter: Omit<AlertDeadLetter, 'kind' | 'failedAt'>) => Promise<void>;

/**
 * Sends to the stream's dead-letter queue (the same queue the event source mapping's on-failure
 * destination uses). The SQS client package is loaded, and the client created, with the first dead
 * letter: most dispatcher instances never park a record, so it stays off their cold start.
 */
export function sqsDeadLetterSink(queueUrl: string, sqs?: SQSClient): DeadLetterSink {
  let sdk: Promise<typeof import('@aws-sdk/client-sqs')> | undefined;
  let client = sqs;
  return async (letter) => {
    sdk ??= import('@aws-sdk/client-sqs');
    const { SQSClient, SendMessageCommand } = await sdk;
    client ??= new SQSClient({});
    const body: AlertDeadLetter = { kind: 'newswatch-alert-failure', failedAt: new Date().toISOString(), ...letter };
    await client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(body) }));
  };
}
