import type { SQSClient } from '@aws-sdk/client-sqs';

/**
 * A record the dispatcher parks at once because no retry can succeed (a malformed article image, an
 * alert SNS refuses whatever we do). It names the article, never its text: the article is in the
 * table, so `newswatch alerts redrive` (or the completeness sweeper) re-reads it by id.
 */
export interface AlertDeadLetter {
  kind: 'newswatch-alert-failure';
  articleId: string | undefined;
  reason: string;
  failedAt: string;
  eventId?: string;
  sequenceNumber?: string;
  /** The owed-alert item (postponed while the letter waits): redrive makes it due again. */
  due?: { pk: string; sk: string };
}

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
