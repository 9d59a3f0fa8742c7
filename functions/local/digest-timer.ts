/**
 * The digest schedule on one machine (EventBridge Scheduler's `cron(0 * * * ? *)` on AWS): checks the
 * clock every minute and runs the digest handler once each time a new UTC hour begins (it decides
 * which digests are due). Runs never overlap; a failure is reported and retried next hour.
 */
const CHECK_EVERY_MS = 60_000;

export class DigestTimer {
  private timer: NodeJS.Timeout | undefined;
  private lastHour: string;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly run: () => Promise<unknown>,
    private readonly warn: (line: string) => void,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.lastHour = this.now().toISOString().slice(0, 13);
  }

  start(): void {
    this.timer = setInterval(() => this.tick(), CHECK_EVERY_MS);
    this.timer.unref();
  }

  /** Runs the digests when the UTC hour has changed since the last check. */
  tick(): Promise<unknown> {
    const hour = this.now().toISOString().slice(0, 13);
    if (hour === this.lastHour) return this.running;
    this.lastHour = hour;
    this.running = this.running.then(() =>
      this.run().catch((err: unknown) => this.warn(`digests: run failed (${(err as Error)?.message}); next run on the hour`)),
    );
    return this.running;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
