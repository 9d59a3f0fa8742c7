import type { SQSClient } from '@aws-sdk/client-sqs';
import type { AlertQueue } from './follow';
import { DEFAULT_REGION } from '../../core/aws-region';

/**
 * The SQS side of `alerts tail`. The SDK is imported lazily (an external package stays a runtime
 * import() in the bundle), so no other command pays for loading it.
 */
export interface SqsSettings {
  region?: string;
  endpoint?: string;
  /** The local stand-in takes any credentials; AWS uses the operator's own (SDK default chain). */
  dummyCredentials?: boolean;
}

type Sqs = typeof import('@aws-sdk/client-sqs');

async function sdk(): Promise<Sqs> {
  // The SDK warns on Node 20 about its own future releases; that says nothing about this command.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  return import('@aws-sdk/client-sqs');
}

export async function sqsClient(settings: SqsSettings): Promise<{ client: SQSClient; sqs: Sqs }> {
  const sqs = await sdk();
  const client = new sqs.SQSClient({
    ...(settings.region && { region: settings.region }),
    ...(settings.endpoint && { endpoint: settings.endpoint }),
    ...(settings.dummyCredentials && { credentials: { accessKeyId: 'newswatch-local', secretAccessKey: 'newswatch-local' } }),
  });
  return { client, sqs };
}

/** How long one receive may wait for a message: SQS's longest long poll (fewest requests). */
const LONG_POLL_SECONDS = 20;

/**
 * The visibility timeout of a tail that deletes what it prints (within milliseconds): long enough that
 * a slow delete never shows a message twice (a repeat would be dropped by its alertId anyway), short
 * enough that a tail restarted at once waits at most this long for an alert a stopped tail's poll took.
 */
export const CONSUMED_VISIBILITY_SECONDS = 10;

export interface ReceiveSettings {
  waitSeconds?: number;
  /**
   * Hides received messages for this long instead of the queue's own visibility timeout. A stopped
   * tail's long poll can still take the next message on SQS (the service does not notice the closed
   * connection), which then stays hidden for the visibility timeout the abandoned receive asked for.
   */
  visibilitySeconds?: number;
}

/** A tail that deletes what it prints hides messages briefly; one that keeps them leaves the queue's own timeout. */
export function tailReceiveSettings(options: { keep?: boolean }): ReceiveSettings {
  return options.keep ? {} : { visibilitySeconds: CONSUMED_VISIBILITY_SECONDS };
}

export function alertQueue(client: SQSClient, sqs: Sqs, queueUrl: string, settings: ReceiveSettings = {}): AlertQueue {
  const { waitSeconds = LONG_POLL_SECONDS, visibilitySeconds } = settings;
  return {
    async receive(signal) {
      const out = await client.send(
        new sqs.ReceiveMessageCommand({
          QueueUrl: queueUrl,
          MaxNumberOfMessages: 10,
          WaitTimeSeconds: waitSeconds,
          ...(visibilitySeconds !== undefined && { VisibilityTimeout: visibilitySeconds }),
        }),
        { abortSignal: signal },
      );
      return (out.Messages ?? []).flatMap((m) =>
        m.Body !== undefined && m.ReceiptHandle ? [{ body: m.Body, receiptHandle: m.ReceiptHandle }] : [],
      );
    },
    async remove(receiptHandle) {
      await client.send(new sqs.DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: receiptHandle }));
    },
  };
}

/** A private queue for one tail session; returns its URL and the ARN to subscribe. */
export async function createTailQueue(client: SQSClient, sqs: Sqs, name: string): Promise<{ url: string; arn: string }> {
  const created = await client.send(new sqs.CreateQueueCommand({ QueueName: name }));
  const url = created.QueueUrl!;
  const attributes = await client.send(new sqs.GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }));
  const arn = attributes.Attributes?.QueueArn;
  if (!arn) throw new Error(`queue ${name} has no ARN`);
  return { url, arn };
}

export async function deleteQueue(client: SQSClient, sqs: Sqs, url: string): Promise<void> {
  await client.send(new sqs.DeleteQueueCommand({ QueueUrl: url }));
}

/** Where a queue URL lives: AWS (region from the host) or another endpoint (its origin). */
export function settingsForQueueUrl(queueUrl: string, region: string | undefined): SqsSettings {
  const url = new URL(queueUrl);
  const aws = /^(?:sqs\.([a-z0-9-]+)|([a-z0-9-]+)\.queue)\.amazonaws\.com(?:\.cn)?$/.exec(url.hostname);
  if (aws) return { region: region ?? aws[1] ?? aws[2] };
  const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1';
  return { endpoint: url.origin, region: region ?? DEFAULT_REGION, dummyCredentials: local };
}
