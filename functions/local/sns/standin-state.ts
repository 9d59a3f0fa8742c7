/**
 * The SNS/SQS stand-in's state on disk (`<data>/sns/state.json`): topics, subscriptions (with their
 * ARNs, so the table's records stay valid) and queues with their messages. fauxqs keeps all of it in
 * memory; without this a restart lost every subscription and queue — and the alerts replayed at start
 * went nowhere. Written atomically (temporary file, rename) after every request that changes it:
 * synchronously before the answer for anything a caller relies on (a queue or subscription made, a
 * message sent, published or deleted, so nothing acknowledged is lost to a crash), a moment later for
 * receives (in-flight messages are saved as visible anyway: a crash makes them receivable again, as an
 * expired visibility timeout would). Deletes were once saved a moment later too: a SIGKILL then brought
 * back every message deleted in the last 200 ms — up to a whole burst of alerts a consumer had already
 * handled (docs/reliability.md, "repeats").
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import * as z from 'zod';
import { DataDamage } from '../startup-errors';
import type { FauxqsSubscription, Stores } from './fauxqs-stores';

interface QueueInternals {
  name: string;
  arn: string;
  attributes: Record<string, string>;
  messages: unknown[];
  inflightMessages: Map<string, { message: unknown }>;
  delayedMessages: unknown[];
  isFifo(): boolean;
}
interface TopicInternals {
  arn: string;
  name: string;
  attributes: Record<string, string>;
  subscriptionArns: string[];
}
interface StoreInternals {
  snsStore: {
    topics: Map<string, TopicInternals>;
    subscriptions: Map<string, FauxqsSubscription & { topicArn: string }>;
    createTopic(name: string, attributes?: Record<string, string>, tags?: unknown, region?: string): TopicInternals;
  };
  sqsStore: {
    queues: Map<string, QueueInternals>;
    createQueue(name: string, url: string, arn: string, attributes: Record<string, string>): QueueInternals;
  };
}

const Attributes = z.record(z.string(), z.string());
/** What is saved; read back through this schema, so a damaged file is refused rather than half-loaded. */
const Snapshot = z.object({
  version: z.literal(1),
  // `arn` since topics kept their region (files saved before have none: such a topic takes the run's region).
  topics: z.array(z.object({ name: z.string(), attributes: Attributes, arn: z.optional(z.string()) })),
  subscriptions: z.array(
    z.looseObject({
      arn: z.string(),
      topicArn: z.string(),
      protocol: z.string(),
      endpoint: z.string(),
      confirmed: z.boolean(),
      attributes: Attributes,
    }),
  ),
  queues: z.array(
    z.object({
      name: z.string(),
      arn: z.string(),
      attributes: Attributes,
      messages: z.array(z.looseObject({ messageId: z.string(), body: z.string() })),
    }),
  ),
});
type Snapshot = z.infer<typeof Snapshot>;
/** What `save` writes: the stores' own objects, which the schema above reads back. */
interface SavedState {
  version: 1;
  topics: Array<{ name: string; attributes: Record<string, string>; arn: string }>;
  subscriptions: Array<FauxqsSubscription & { topicArn: string }>;
  queues: Array<{ name: string; arn: string; attributes: Record<string, string>; messages: unknown[] }>;
}

/**
 * The region the runtime's own alerts topic (`topicName`) was saved in, from its subscriptions' topic
 * ARNs; undefined when none is saved. A run in another region makes that topic under another ARN, and
 * the saved subscriptions, which name the old one, would be dropped: the runtime refuses such a start
 * (data-folder.ts). Topics and queues a user made through the endpoint, in any region, are not asked.
 */
export function savedRegion(snapshot: Snapshot, topicName: string): string | undefined {
  for (const { topicArn } of snapshot.subscriptions) {
    const [, , service, , , name] = topicArn.split(':');
    if (service === 'sns' && name === topicName) return arnRegion(topicArn);
  }
  return undefined;
}

/** The region part of an ARN (`arn:aws:sns:<region>:<account>:<name>`), undefined when it has none. */
function arnRegion(arn: string | undefined): string | undefined {
  return arn?.split(':')[3] || undefined;
}

/** The saved state (undefined before the first save); throws DataDamage naming `label` when it is not one. */
export function readStandinState(file: string, label: string): Snapshot | undefined {
  if (!existsSync(file)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new DataDamage(`${label} is not JSON`);
  }
  const snapshot = Snapshot.safeParse(parsed);
  if (!snapshot.success) throw new DataDamage(`${label} is not the SNS/SQS stand-in's state`);
  return snapshot.data;
}

/** Answers whose effect a caller relies on at once: saved before the answer goes out. */
export const SAVE_BEFORE_ANSWER = new Set([
  'CreateQueue',
  'DeleteQueue',
  'SetQueueAttributes',
  'PurgeQueue',
  'SendMessage',
  'SendMessageBatch',
  'DeleteMessage',
  'DeleteMessageBatch',
  'CreateTopic',
  'DeleteTopic',
  'Subscribe',
  'Unsubscribe',
  'SetSubscriptionAttributes',
  'ConfirmSubscription',
  'Publish',
  'PublishBatch',
]);
const LATER_MS = 200;

export class StandinState {
  private timer: NodeJS.Timeout | undefined;
  private turnSave: Promise<void> | undefined;

  constructor(
    private readonly file: string,
    private readonly stores: Stores,
  ) {}

  /** Puts back what the last run left (a missing file is a first start); region and endpoint are this run's. */
  load(region: string, endpoint: string): void {
    const snapshot = readStandinState(this.file, this.file);
    if (!snapshot) return;
    const stores = this.stores as unknown as StoreInternals;
    // Each topic in the region it was made in (a user's own, made with their CLI's region): a subscription
    // names its topic's ARN, and one whose topic came back under another ARN would be dropped below.
    for (const topic of snapshot.topics)
      stores.snsStore.createTopic(topic.name, topic.attributes, undefined, arnRegion(topic.arn) ?? region);
    for (const sub of snapshot.subscriptions) {
      const topic = stores.snsStore.topics.get(sub.topicArn);
      if (!topic) continue;
      stores.snsStore.subscriptions.set(sub.arn, sub);
      if (!topic.subscriptionArns.includes(sub.arn)) topic.subscriptionArns.push(sub.arn);
    }
    for (const queue of snapshot.queues) {
      const created = stores.sqsStore.createQueue(queue.name, `${endpoint}/000000000000/${queue.name}`, queue.arn, queue.attributes);
      // One push per message: a spread passes each as an argument, and a queue of 150,000 overflowed the stack at start.
      for (const message of queue.messages) created.messages.push(message);
    }
  }

  /** Saves now (before an answer the caller relies on). */
  save(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const stores = this.stores as unknown as StoreInternals;
    const snapshot: SavedState = {
      version: 1,
      topics: [...stores.snsStore.topics.values()].map((t) => ({ name: t.name, attributes: t.attributes, arn: t.arn })),
      subscriptions: [...stores.snsStore.subscriptions.values()],
      // In-flight and delayed messages are saved as visible: after a restart they are received again.
      queues: [...stores.sqsStore.queues.values()]
        .filter((q) => !q.isFifo())
        .map((q) => ({
          name: q.name,
          arn: q.arn,
          attributes: q.attributes,
          messages: [...q.messages, ...[...q.inflightMessages.values()].map((e) => e.message), ...q.delayedMessages],
        })),
    };
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(snapshot));
    renameSync(tmp, this.file);
  }

  /**
   * Saves at the end of this event-loop turn, once for every answer of the turn that waits for it (the
   * dispatcher publishes a batch's alerts together): each still leaves only after its change is on disk.
   */
  saveThisTurn(): Promise<void> {
    this.turnSave ??= new Promise<void>((resolve, reject) =>
      setImmediate(() => {
        this.turnSave = undefined;
        try {
          this.save();
          resolve();
        } catch (err) {
          reject(err);
        }
      }),
    );
    return this.turnSave;
  }

  /** Saves a moment later (receives and the like: many in a row, one write). */
  saveSoon(): void {
    this.timer ??= setTimeout(() => this.save(), LATER_MS);
    this.timer.unref();
  }

  close(): void {
    if (this.timer) this.save();
  }
}
