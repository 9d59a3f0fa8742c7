/**
 * Delivers DynamoDB stream records to the alert dispatcher the way a Lambda event source mapping with
 * ReportBatchItemFailures + BisectBatchOnFunctionError + MaximumRetryAttempts + an SQS on-failure
 * destination does, for one shard (records stay in order; one batch in flight at a time):
 * - a batch is up to `batchSize` records in sequence order;
 * - a partial batch response checkpoints before the lowest failed sequence number; the rest is retried;
 * - a thrown error (or timeout) fails the whole batch;
 * - a failing batch of more than one record is split in two, each half retried (splits are free);
 * - a single failing record is retried up to `maxRetries` times with exponential backoff, then its
 *   failure record goes to the dead-letter queue and the shard moves on.
 */
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { PendingLog } from './stream-log';

export type StreamHandler = (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse | void>;

export interface DeliveryOptions {
  batchSize: number;
  maxRetries: number;
  bisect: boolean;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Where records that exhausted their retries go (Lambda's on-failure destination). */
  onFailure(records: DynamoDBRecord[], condition: string, attempts: number): Promise<void>;
  /** One line for the terminal; never the record contents. */
  warn(message: string): void;
}

/** The CDK event source mapping's settings (lib/constructs/alerting.ts: batchSize 25, retryAttempts 8, bisect). */
export const defaultDeliveryOptions = {
  batchSize: 25,
  maxRetries: 8,
  bisect: true,
  backoffBaseMs: 250,
  backoffMaxMs: 5_000,
};

type Outcome = { ok: true } | { ok: false; failedFrom: number; reason: string };

export class StreamDelivery {
  private readonly queue: DynamoDBRecord[] = [];
  private running: Promise<void> | undefined;
  private stopping = false;
  private wakeSleep: (() => void) | undefined;
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly handler: StreamHandler,
    private readonly log: PendingLog,
    private readonly options: DeliveryOptions,
  ) {}

  /** Queues records (already filtered) and makes sure the shard consumer runs. */
  push(records: DynamoDBRecord[], options: { logged?: boolean } = {}): void {
    if (records.length === 0) return;
    if (!options.logged) this.log.append(records);
    this.queue.push(...records);
    if (!this.running && !this.stopping) {
      this.running = this.consume().catch((err: unknown) => {
        // A bug here must not take the whole runtime down; the records stay in the pending log.
        this.options.warn(`stream: delivery stopped unexpectedly (${(err as Error)?.message}); restart to resume`);
        this.running = undefined;
      });
    }
  }

  /** Resolves once every queued record was delivered or dead-lettered. */
  idle(): Promise<void> {
    if (!this.running && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  get pending(): number {
    return this.queue.length;
  }

  /** Ctrl-C: finish the invocation in flight, skip backoff waits; what is left stays in the log. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeSleep?.();
    await this.running;
  }

  private async consume(): Promise<void> {
    // Yield once so writes arriving together are delivered as one batch.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.queue.length > 0 && !this.stopping) {
      const batch = this.queue.slice(0, this.options.batchSize);
      const done = await this.deliver(batch, 0);
      this.queue.splice(0, done);
    }
    this.running = undefined;
    if (this.queue.length === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  /** Delivers `records`; returns how many of them are finished (all of them unless stopping). */
  private async deliver(records: DynamoDBRecord[], attempt: number): Promise<number> {
    const outcome = await this.invoke(records);
    if (outcome.ok) {
      this.log.ack(records);
      return records.length;
    }
    const succeeded = records.slice(0, outcome.failedFrom);
    this.log.ack(succeeded);
    const rest = records.slice(outcome.failedFrom);
    if (this.stopping) return succeeded.length;
    if (this.options.bisect && rest.length > 1) {
      const half = Math.ceil(rest.length / 2);
      const first = await this.deliver(rest.slice(0, half), attempt);
      if (first < half) return succeeded.length + first;
      return succeeded.length + half + (await this.deliver(rest.slice(half), attempt));
    }
    if (attempt >= this.options.maxRetries) {
      try {
        await this.options.onFailure(rest, 'RetryAttemptsExhausted', attempt + 1);
        this.options.warn(
          `stream: ${rest.length} record(s) failed ${attempt + 1} times (${outcome.reason}); sent to the dead-letter queue`,
        );
        this.log.ack(rest);
      } catch (err) {
        // Not acknowledged: the records stay in the pending log and are tried again after a restart.
        this.options.warn(
          `stream: ${rest.length} record(s) failed and could not be dead-lettered (${(err as Error).message}); kept for the next start`,
        );
      }
      return records.length;
    }
    await this.sleep(Math.min(this.options.backoffMaxMs, this.options.backoffBaseMs * 2 ** attempt));
    if (this.stopping) return succeeded.length;
    return succeeded.length + (await this.deliver(rest, attempt + 1));
  }

  /** The handler is expected to enforce its own timeout (see lambda.ts invoke). */
  private async invoke(records: DynamoDBRecord[]): Promise<Outcome> {
    try {
      return this.readResponse(records, await this.handler({ Records: records }));
    } catch (err) {
      return { ok: false, failedFrom: 0, reason: (err as Error)?.name ?? 'Error' };
    }
  }

  /** Lambda's rules for a partial batch response: checkpoint before the lowest failed record. */
  private readResponse(records: DynamoDBRecord[], response: DynamoDBBatchResponse | void): Outcome {
    const failures = response?.batchItemFailures ?? [];
    if (failures.length === 0) return { ok: true };
    const positions = failures.map((f) => records.findIndex((r) => r.dynamodb?.SequenceNumber === f.itemIdentifier));
    // An empty or unknown itemIdentifier fails the whole batch, as on AWS.
    const failedFrom = positions.some((p) => p < 0) ? 0 : Math.min(...positions);
    return { ok: false, failedFrom, reason: 'batchItemFailures' };
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wakeSleep = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
