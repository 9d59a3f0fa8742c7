/**
 * A ReceiveMessage whose caller hung up gives its messages back at once.
 *
 * fauxqs never looks at the connection of a pending long poll: when a consumer stops mid-poll (Ctrl-C
 * on `newswatch alerts tail --queue-url`, an SDK call aborted through its AbortSignal), the poll stays
 * registered for the rest of its WaitTimeSeconds, takes the next message that arrives and answers into
 * a closed socket. The message is then in flight for nobody and reappears only when its visibility
 * timeout runs out (30 s by default): a new tail started at once saw the next alert 30 s late.
 * (AWS SQS itself behaves the same way; the stand-in only needs to be no worse, and a local user
 * restarts a tail often.) So, just before the answer is written: if the caller's connection is already
 * closed, every message in the answer is made visible again, with its receive count as it was before
 * this receive — nobody saw it, so a redrive policy must not count it.
 */
import type { FauxqsQueue, Stores } from './fauxqs-stores';
import { actionOf, type HookRequest } from './hook-request';

/** The slice of Fastify's reply these hooks use. */
interface ReceiveReply {
  raw: { writableFinished: boolean; once(event: 'close', listener: () => void): unknown };
}
type Hook = (request: HookRequest, reply: ReceiveReply, payload?: unknown) => Promise<unknown>;
interface HookHost {
  addHook(name: 'preHandler' | 'onSend', hook: Hook): unknown;
}

export interface ReceiveCounters {
  /** ReceiveMessage requests handled (long polls included), so a test can wait for one to be pending. */
  receives: number;
  /** Of those, the ones whose caller closed the connection before the answer was written. */
  hungUp: number;
  /** Messages made visible again because their receive's caller had hung up. */
  messagesReturned: number;
}

/** The receipt handles in a ReceiveMessage answer (fauxqs speaks the JSON protocol for SQS). */
function receiptHandles(payload: unknown): string[] {
  if (typeof payload !== 'string') return [];
  try {
    const parsed = JSON.parse(payload) as { Messages?: Array<{ ReceiptHandle?: unknown }> };
    return (parsed.Messages ?? []).flatMap((m) => (typeof m.ReceiptHandle === 'string' ? [m.ReceiptHandle] : []));
  } catch {
    return [];
  }
}

/** Makes one received message visible again, undoing what this receive did to its counters. */
function giveBack(queue: FauxqsQueue, receiptHandle: string): boolean {
  const entry = queue.inflightMessages.get(receiptHandle);
  if (!entry) return false;
  const message = entry.message;
  message.approximateReceiveCount = Math.max(0, message.approximateReceiveCount - 1);
  if (message.approximateReceiveCount === 0) message.approximateFirstReceiveTimestamp = undefined;
  queue.changeVisibility(receiptHandle, 0);
  return true;
}

/** Registers the hooks on the stand-in's Fastify app; returns counters a test can read. */
export function returnAbandonedReceives(app: HookHost, stores: Stores): ReceiveCounters {
  const counters: ReceiveCounters = { receives: 0, hungUp: 0, messagesReturned: 0 };
  const gone = new WeakSet<HookRequest>();
  const isReceive = (request: HookRequest) => actionOf(request) === 'ReceiveMessage';
  // The response closes early only when the connection went away before the answer was written.
  app.addHook('preHandler', async (request, reply) => {
    if (!isReceive(request)) return;
    counters.receives += 1;
    reply.raw.once('close', () => {
      if (reply.raw.writableFinished) return;
      gone.add(request);
      counters.hungUp += 1;
    });
  });
  app.addHook('onSend', async (request, _reply, payload) => {
    if (!isReceive(request) || !gone.has(request)) return payload;
    const queueUrl = (request.body as { QueueUrl?: unknown } | undefined)?.QueueUrl;
    const queue = typeof queueUrl === 'string' ? stores.sqsStore.getQueue(queueUrl) : undefined;
    if (!queue) return payload;
    for (const handle of receiptHandles(payload)) if (giveBack(queue, handle)) counters.messagesReturned += 1;
    return payload;
  });
  return counters;
}
