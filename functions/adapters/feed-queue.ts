import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { FeedMessage } from '../core/feeds/feed-message';

/** SQS takes at most 10 messages per SendMessageBatch. */
const SQS_BATCH = 10;

/** A feed claimed for one poll, as the dispatcher sends it to the (FIFO) feed queue: one message. */
export interface FeedDispatch {
  feedId: string;
  /** The message group: the feed's host, so one host is polled by one poller at a time. */
  group: string;
  /** The claim's deduplication id: a re-sent claim is delivered once. */
  dedupId: string;
}

/**
 * Sends one message per claimed feed to the FIFO feed queue, grouped by host (SQS delivers a group's
 * messages to one consumer at a time); returns how many were sent (failed entries are retried once).
 */
export async function sendFeeds(sqs: SQSClient, queueUrl: string, feeds: readonly FeedDispatch[]): Promise<number> {
  let sent = 0;
  for (let start = 0; start < feeds.length; start += SQS_BATCH) {
    let entries = feeds.slice(start, start + SQS_BATCH).map((feed, i) => ({
      Id: String(i),
      MessageBody: JSON.stringify({ feedId: feed.feedId } satisfies FeedMessage),
      MessageGroupId: feed.group,
      MessageDeduplicationId: feed.dedupId,
    }));
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
