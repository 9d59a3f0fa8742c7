import type { SQSClient } from '@aws-sdk/client-sqs';
import type { AlertQueue } from './follow';

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

export function alertQueue(client: SQSClient, sqs: Sqs, queueUrl: string, waitSeconds = 20): AlertQueue {
  return {
    async receive(signal) {
      const out = await client.send(
        new sqs.ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: waitSeconds }),
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
  return { endpoint: url.origin, region: region ?? 'us-east-1', dummyCredentials: local };
}
