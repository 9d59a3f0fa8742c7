/**
 * `npm start` polls feeds: a timer does what EventBridge and the SQS event source mapping do when
 * deployed. Each tick invokes the same feed dispatcher handler (due feeds -> the feed queue in the
 * SQS stand-in), then hands the queue's messages to the same feed poller handler, ten at a time in
 * up to LOCAL_POLLERS invocations at once, and deletes the messages it did not report as failed (those
 * come back after their visibility timeout).
 */
import { CreateQueueCommand, DeleteMessageBatchCommand, ReceiveMessageCommand, type Message, type SQSClient } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSRecord } from 'aws-lambda';
import { invoke, type LambdaHandler } from '../lambda';

const RECEIVE_MAX = 10;
/**
 * Pollers run side by side, as deployed (`maxPollers`): a feed that takes its whole fetch timeout holds
 * its own batch, not every other host's. The stand-in's FIFO queue locks a host's group while a message of
 * it is in flight, as SQS does, so a host is still polled by one poller at a time.
 */
const LOCAL_POLLERS = 4;
/** As the poller function's timeout when deployed: a poll stuck longer than this is abandoned. */
const POLLER_TIMEOUT_MS = 120_000;
const VISIBILITY_SECONDS = 180;
/**
 * How long a stop waits for the polling round in progress: a feed that never answers would hold it for
 * its whole fetch timeout, once per such feed. A feed whose poll was cut short (or never started) saved
 * nothing but its claim, which the next start releases (runtime.ts), so it is polled then; its articles
 * are idempotent re-sends.
 */
export const STOP_WAIT_MS = 3_000;

export interface FeedPollingOptions {
  sqs: SQSClient;
  queueUrl: string;
  queueArn: string;
  region: string;
  dispatcher: LambdaHandler;
  poller: LambdaHandler;
  /** How often due feeds are looked for; 0 turns the timer off (ticks only on request). */
  intervalMs: number;
  warn(message: string): void;
}

export interface FeedPolling {
  /** One dispatch-and-poll round now (rounds never overlap). */
  tick(): Promise<void>;
  stop(): Promise<void>;
}

/** The feed queue: FIFO, as deployed (messages grouped by host), so the dispatcher's messages are the same. */
export async function createFeedQueue(sqs: SQSClient, name: string): Promise<string> {
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: { FifoQueue: 'true' } }));
  return QueueUrl!;
}

function toRecord(message: Message, options: FeedPollingOptions): SQSRecord {
  return {
    messageId: message.MessageId!,
    receiptHandle: message.ReceiptHandle!,
    body: message.Body ?? '',
    attributes: {} as SQSRecord['attributes'],
    messageAttributes: {},
    md5OfBody: message.MD5OfBody ?? '',
    eventSource: 'aws:sqs',
    eventSourceARN: options.queueArn,
    awsRegion: options.region,
  };
}

async function drain(options: FeedPollingOptions, stopping: () => boolean): Promise<void> {
  const { sqs, queueUrl } = options;
  while (!stopping()) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: RECEIVE_MAX,
        WaitTimeSeconds: 0,
        VisibilityTimeout: VISIBILITY_SECONDS,
      }),
    );
    if (Messages.length === 0) return;
    const response = (await invoke(
      options.poller,
      'feed-poller',
      { Records: Messages.map((m) => toRecord(m, options)) },
      options.region,
      POLLER_TIMEOUT_MS,
    )) as SQSBatchResponse | undefined;
    const failed = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
    const done = Messages.filter((m) => !failed.has(m.MessageId!));
    if (done.length > 0) {
      await sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: done.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
        }),
      );
    }
    if (failed.size > 0) options.warn(`feeds: ${failed.size} feed poll(s) failed; retried after ${VISIBILITY_SECONDS} s`);
  }
}

export function startFeedPolling(options: FeedPollingOptions): FeedPolling {
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const round = async () => {
    await invoke(
      options.dispatcher,
      'feed-dispatcher',
      { source: 'newswatch.local', 'detail-type': 'Scheduled Event' },
      options.region,
      POLLER_TIMEOUT_MS,
    );
    await Promise.all(Array.from({ length: LOCAL_POLLERS }, () => drain(options, () => stopped)));
  };
  const tick = () => {
    running = running.then(round).catch((error: unknown) => {
      if (!stopped) options.warn(`feeds: polling round failed (${(error as Error).message})`);
    });
    return running;
  };
  const timer = options.intervalMs > 0 ? setInterval(() => void tick(), options.intervalMs) : undefined;
  timer?.unref();
  return {
    tick,
    stop: async () => {
      stopped = true;
      if (timer) clearInterval(timer);
      let wait: NodeJS.Timeout | undefined;
      const finished = await Promise.race([
        running.then(() => true),
        new Promise<false>((resolve) => {
          wait = setTimeout(() => resolve(false), STOP_WAIT_MS);
        }),
      ]);
      clearTimeout(wait);
      if (!finished) options.warn('feeds: stopped during a poll; the feeds it had not finished are polled again at the next start');
    },
  };
}
