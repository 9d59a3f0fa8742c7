/**
 * The completeness sweeper's schedule on one machine (EventBridge's `rate(1 minute)` on AWS): the
 * same handler, invoked on a timer, never two runs at once. Also run once at start, before anything
 * else is delivered, with every earlier claim taken over: the data folder is locked to this process,
 * so any claim left in it belongs to a run that died.
 */
export interface SweepDetail {
  minAgeMs?: number;
  leaseMs?: number;
}

export interface SweepCounts {
  found: number;
  /** Found owed alerts that had not gone out (app/sweep-alerts.ts); the rest only needed settling. */
  overdue: number;
  published: number;
  /** Story alerts re-driven whose article alert had already gone out (app/sweep-alerts.ts). */
  'story-published'?: number;
}

export interface SweepTimerOptions {
  intervalMs: number;
  minAgeMs: number;
}

/** Every 30 s, alerts owed for a minute or more (AWS: every minute, owed for two). */
export const defaultSweepOptions: SweepTimerOptions = { intervalMs: 30_000, minAgeMs: 60_000 };

export class SweepTimer {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly sweep: (detail: SweepDetail) => Promise<SweepCounts>,
    private readonly options: SweepTimerOptions,
    private readonly warn: (line: string) => void,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.run({ minAgeMs: this.options.minAgeMs }), this.options.intervalMs);
    this.timer.unref();
  }

  /** One run now (after the one in flight); a failure is reported, never thrown. */
  run(detail: SweepDetail): Promise<SweepCounts | undefined> {
    const next = this.running.then(() =>
      this.sweep(detail).then(
        (counts) => {
          // Items that were owed nothing (a re-sent article's) are settled quietly: only a late alert is news.
          const published = counts.published + (counts['story-published'] ?? 0);
          // "Not marked sent", not "not sent": a crash after SNS took an alert and before its marker sends it again, under the same alertId.
          if (counts.overdue > 0)
            this.warn(
              `sweeper: ${counts.overdue} alert(s) not marked as sent; ${published} published now (any that had gone out repeat their alertId)`,
            );
          return counts;
        },
        (err: unknown) => {
          this.warn(`sweeper: run failed (${(err as Error)?.message}); retrying on the next run`);
          return undefined;
        },
      ),
    );
    this.running = next;
    return next;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
