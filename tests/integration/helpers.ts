/**
 * Shared plumbing for the end-to-end tests: a local runtime on ephemeral ports with a temp data folder,
 * an HTTP client for its API, SQS queues subscribed through the API, and bounded polling.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
  type Message,
} from '@aws-sdk/client-sqs';
import { startLocalRuntime, type LocalRuntime, type RuntimeOptions } from '../../functions/local/runtime';

export const SEED_ARTICLE = {
  title: 'Russia hopes to play ‘Get out of Jail’ card with US',
  url: 'https://www.rt.com/news/bout-yaroshenko-release-ryabkov/',
  source: 'rt.com',
  publishedAt: '2012-06-15T12:27:00Z',
  body: readFileSync(new URL('../fixtures/seed-article.txt', import.meta.url), 'utf8'),
};

export interface TestRuntime extends LocalRuntime {
  dataDir: string;
  sqs: SQSClient;
}

export async function startTestRuntime(overrides: Partial<RuntimeOptions> = {}): Promise<TestRuntime> {
  const dataDir = overrides.dataDir ?? mkdtempSync(join(tmpdir(), 'newswatch-it-'));
  const warnings: string[] = [];
  const runtime = await startLocalRuntime({ dataDir, port: 0, snsPort: 0, warn: (line) => warnings.push(line), ...overrides });
  const sqs = new SQSClient({
    endpoint: runtime.sqsEndpoint,
    region: runtime.region,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  return { ...runtime, dataDir, sqs };
}

export async function stopTestRuntime(runtime: TestRuntime | undefined, options: { keepData?: boolean } = {}): Promise<void> {
  if (!runtime) return;
  runtime.sqs.destroy();
  await runtime.stop();
  if (!options.keepData) rmSync(runtime.dataDir, { recursive: true, force: true });
}

/** Stops the runtime, keeps its data, and starts it again on the same ports (the handlers were loaded once, with those endpoints). */
export async function restartTestRuntime(before: TestRuntime, overrides: Partial<RuntimeOptions> = {}): Promise<TestRuntime> {
  await stopTestRuntime(before, { keepData: true });
  return startTestRuntime({
    dataDir: before.dataDir,
    port: Number(new URL(before.apiUrl).port),
    snsPort: Number(new URL(before.snsEndpoint).port),
    dynamodbPort: Number(new URL(before.dynamodbEndpoint).port),
    apiKey: before.apiKey,
    ...overrides,
  });
}

export interface ApiResponse {
  status: number;
  body: any;
}

export async function api(
  runtime: LocalRuntime,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<ApiResponse> {
  const response = await fetch(`${runtime.apiUrl}${path}`, {
    method,
    headers: { 'x-api-key': runtime.apiKey, ...(body !== undefined && { 'content-type': 'application/json' }), ...headers },
    ...(body !== undefined && { body: typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: parsed };
}

export async function createQueue(runtime: TestRuntime, name: string): Promise<{ url: string; arn: string }> {
  const { QueueUrl } = await runtime.sqs.send(new CreateQueueCommand({ QueueName: name }));
  const { Attributes } = await runtime.sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
  return { url: QueueUrl!, arn: Attributes!.QueueArn! };
}

/** Receives (and deletes) whatever is in the queue now. */
export async function drainQueue(runtime: TestRuntime, queueUrl: string): Promise<Message[]> {
  const all: Message[] = [];
  for (;;) {
    const { Messages = [] } = await runtime.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, MessageAttributeNames: ['All'], WaitTimeSeconds: 0 }),
    );
    if (Messages.length === 0) return all;
    all.push(...Messages);
    await runtime.sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
      }),
    );
  }
}

/** Polls `probe` until it returns a value accepted by `done`, or fails after `timeoutMs`. */
export async function waitFor<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await probe();
  while (!done(last)) {
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}; last value: ${JSON.stringify(last)?.slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    last = await probe();
  }
  return last;
}

/** Collects messages from a queue until `count` arrived, or the timeout passes. */
export async function receiveAtLeast(runtime: TestRuntime, queueUrl: string, count: number, timeoutMs = 10_000): Promise<Message[]> {
  const received: Message[] = [];
  await waitFor(
    async () => {
      received.push(...(await drainQueue(runtime, queueUrl)));
      return received.length;
    },
    (n) => n >= count,
    timeoutMs,
    `${count} message(s) in ${queueUrl}`,
  );
  return received;
}

/** The alert inside an SNS->SQS envelope. */
export function alertOf(message: Message): any {
  const envelope = JSON.parse(message.Body!);
  return { envelope, alert: JSON.parse(envelope.Message) };
}
