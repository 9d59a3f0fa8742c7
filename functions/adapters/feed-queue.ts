import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';

/** SQS takes at most 10 messages per SendMessageBatch. */
const SQS_BATCH = 10;

/** What travels from the feed dispatcher to the poller: one feed id per message. */
export interface FeedMessage {
  feedId: string;
}

/** Sends one message per feed id to the feed queue; returns how many were sent (failed entries are retried once). */
export async function sendFeedIds(sqs: SQSClient, queueUrl: string, feedIds: readonly string[]): Promise<number> {
  let sent = 0;
  for (let start = 0; start < feedIds.length; start += SQS_BATCH) {
    const ids = feedIds.slice(start, start + SQS_BATCH);
    let entries = ids.map((feedId, i) => ({ Id: String(i), MessageBody: JSON.stringify({ feedId } satisfies FeedMessage) }));
    for (let attempt = 0; attempt < 2 && entries.length > 0; attempt++) {
      const out = await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }));
      sent += out.Successful?.length ?? 0;
      const failed = new Set((out.Failed ?? []).map((f) => f.Id));
      entries = entries.filter((e) => failed.has(e.Id));
    }
    // A feed whose message could not be sent stays claimed until its lease ends, then is due again.
  }
  return sent;
}

/** An SQS client honouring the SDK's configuration (AWS_ENDPOINT_URL_SQS locally). */
export function createSqsClient(instrument: (client: SQSClient) => SQSClient = (c) => c): SQSClient {
  return instrument(new SQSClient({}));
}

export function parseFeedMessage(body: string): FeedMessage {
  const parsed = JSON.parse(body) as Partial<FeedMessage>;
  if (typeof parsed.feedId !== 'string' || parsed.feedId === '') throw new Error('feed message without a feedId');
  return { feedId: parsed.feedId };
}
