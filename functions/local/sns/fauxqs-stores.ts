/**
 * fauxqs keeps its topics, subscriptions and queues in two store objects. `buildApp` accepts them from
 * outside, which is how the local runtime gets a handle on them to deliver SNS->SQS itself (see
 * sns-fanout.ts). The store classes are not in fauxqs's package exports, so we load them from the same
 * installed copy that `import 'fauxqs'` resolves to (same file URL = same module instance).
 * Pinned to fauxqs 1.9 in package.json; tests/integration/sns-filter-gap.test.ts fails if this drifts.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MissingDependency } from '../startup-errors';
import type { SnsAttribute } from './sns-filter';

export interface FauxqsTopic {
  arn: string;
  name: string;
  attributes: Record<string, string>;
  subscriptionArns: string[];
}
export interface FauxqsSubscription {
  arn: string;
  protocol: string;
  endpoint: string;
  confirmed: boolean;
  attributes: Record<string, string>;
}
/** What a receive changes on a message (abandoned-receives.ts puts it back). */
export interface FauxqsMessage {
  approximateReceiveCount: number;
  approximateFirstReceiveTimestamp?: number;
}
export interface FauxqsQueue {
  enqueue(message: unknown): void;
  isFifo(): boolean;
  /** Received, not yet deleted messages by receipt handle. */
  inflightMessages: Map<string, { message: FauxqsMessage }>;
  /** 0 makes the message receivable again at once and wakes pending long polls. */
  changeVisibility(receiptHandle: string, timeoutSeconds: number): void;
}
export interface SnsStore {
  getTopic(arn: string): FauxqsTopic | undefined;
  getSubscription(arn: string): FauxqsSubscription | undefined;
}
export interface SqsStore {
  host: string;
  getQueueByArn(arn: string): FauxqsQueue | undefined;
  getQueue(url: string): FauxqsQueue | undefined;
  getQueueByName(name: string): FauxqsQueue | undefined;
}
export interface Stores {
  snsStore: SnsStore;
  sqsStore: SqsStore;
  s3Store: unknown;
  createSqsMessage(body: string, attributes: Record<string, SnsAttribute>): unknown;
}

function fauxqsDist(): string {
  const require = createRequire(import.meta.url);
  for (const dir of require.resolve.paths('fauxqs') ?? []) {
    const dist = join(dir, 'fauxqs', 'dist');
    if (existsSync(join(dist, 'app.js'))) return dist;
  }
  throw new MissingDependency('fauxqs');
}

export async function createFauxqsStores(): Promise<Stores> {
  const dist = fauxqsDist();
  const load = (file: string) => import(pathToFileURL(join(dist, file)).href);
  const [{ SqsStore }, { SnsStore }, { S3Store }] = await Promise.all([
    load('sqs/sqsStore.js'),
    load('sns/snsStore.js'),
    load('s3/s3Store.js'),
  ]);
  const sqsStore = new SqsStore() as SqsStore;
  // fauxqs names queues http://sqs.<region>.localhost:<port>/..., which does not resolve on every
  // machine; with no host set it uses the address the client called (http://127.0.0.1:<port>/...).
  sqsStore.host = '';
  // Queue URLs are looked up verbatim; accept any host spelling (localhost vs 127.0.0.1) by name.
  const byUrl = sqsStore.getQueue.bind(sqsStore);
  sqsStore.getQueue = (url) => byUrl(url) ?? sqsStore.getQueueByName(String(url).split('/').pop() ?? '');
  return {
    snsStore: new SnsStore(),
    sqsStore,
    s3Store: new S3Store(),
    createSqsMessage: (body, attributes) => SqsStore.createMessage(body, attributes),
  };
}
