import { parseAlertMessage, type ReceivedAlert } from './alert-message';

/**
 * The `alerts tail` loop, independent of SQS itself (tests drive it with a fake queue): long-poll,
 * print each alert once (an alert redelivered — same alertId — is dropped, as the design asks of
 * consumers), delete what was printed, stop when aborted or after `max` alerts.
 */
export interface QueueMessage {
  body: string;
  receiptHandle: string;
}

export interface AlertQueue {
  /** Waits (long poll) for up to 10 messages; rejects when the signal aborts. */
  receive(signal: AbortSignal): Promise<QueueMessage[]>;
  remove(receiptHandle: string): Promise<void>;
}

export interface FollowOptions {
  signal: AbortSignal;
  onAlert: (alert: ReceivedAlert) => void;
  /** Leave messages in the queue (they come back after the visibility timeout; repeats are still dropped). */
  keep?: boolean;
  max?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Consecutive failed polls tolerated before giving up (the queue or endpoint is gone). */
  maxPollFailures?: number;
  /** Failures no retry can fix (the queue does not exist, no credentials): stop at once. */
  isPermanent?: (error: unknown) => boolean;
}

const SEEN_LIMIT = 10_000;

export async function followQueue(queue: AlertQueue, options: FollowOptions): Promise<number> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const seen = new Set<string>();
  let printed = 0;
  let failures = 0;
  while (!options.signal.aborted) {
    let messages: QueueMessage[];
    try {
      messages = await queue.receive(options.signal);
      failures = 0;
    } catch (error) {
      if (options.signal.aborted) break;
      if (options.isPermanent?.(error) || ++failures >= (options.maxPollFailures ?? 5)) throw error;
      await sleep(500 * 2 ** failures);
      continue;
    }
    for (const message of messages) {
      const alert = parseAlertMessage(message.body);
      const id = alert.view.alertId;
      const repeat = id !== undefined && seen.has(id);
      if (id !== undefined && !repeat) remember(seen, id);
      if (!repeat) {
        options.onAlert(alert);
        printed++;
      }
      if (!options.keep) await queue.remove(message.receiptHandle);
      if (options.max !== undefined && printed >= options.max) return printed;
    }
  }
  return printed;
}

function remember(seen: Set<string>, id: string): void {
  if (seen.size >= SEEN_LIMIT) seen.delete(seen.values().next().value!);
  seen.add(id);
}
