import type cliProgress from 'cli-progress';

/**
 * Push progress on stderr: a live bar with rate and ETA on a terminal, and plain lines at most every
 * few seconds otherwise (CI logs, pipes), so the output is readable wherever it lands. It counts
 * articles, whatever held them (one JSON Lines file or a folder of files): those answered by the API
 * out of those sent, so `articles sent`; articles rejected before sending are in the summary only.
 */
export interface Progress {
  start(total: number): void;
  advance(count: number): void;
  /** Counts a retry (shown so a throttled push does not look stuck). */
  retried(): void;
  stop(): void;
}

interface Stream {
  write(text: string): unknown;
  isTTY?: boolean;
}

export async function createProgress(stream: Stream, options: { quiet?: boolean; now?: () => number } = {}): Promise<Progress> {
  if (options.quiet) return silentProgress;
  if (!stream.isTTY) return new LineProgress(stream, options.now ?? Date.now);
  // Loaded only for a terminal: the bar library costs ~40 ms of start-up every command would pay.
  const { default: bars } = await import('cli-progress');
  return new BarProgress(bars, stream as NodeJS.WritableStream);
}

const silentProgress: Progress = { start() {}, advance() {}, retried() {}, stop() {} };

/** Rate in articles/s and the remaining seconds at that rate (undefined until something settled). */
export function rateAndEta(done: number, total: number, elapsedMs: number): { rate: number; etaSeconds: number | undefined } {
  const rate = elapsedMs > 0 ? (done * 1000) / elapsedMs : 0;
  return { rate, etaSeconds: rate > 0 ? Math.ceil((total - done) / rate) : undefined };
}

class BarProgress implements Progress {
  private readonly bar: cliProgress.SingleBar;
  private startedAt = 0;
  private retries = 0;
  private done = 0;
  private total = 0;

  constructor(bars: typeof cliProgress, stream: NodeJS.WritableStream) {
    this.bar = new bars.SingleBar(
      {
        stream,
        format: 'push |{bar}| {percentage}% | {value}/{total} articles sent | {rate}/s | ETA {eta_formatted}{retries}',
        hideCursor: true,
        etaBuffer: 50,
      },
      bars.Presets.shades_classic,
    );
  }

  start(total: number): void {
    this.startedAt = Date.now();
    this.total = total;
    this.bar.start(total, 0, { rate: '0', retries: '' });
  }

  advance(count: number): void {
    this.done += count;
    const { rate } = rateAndEta(this.done, this.total, Date.now() - this.startedAt);
    this.bar.increment(count, { rate: rate.toFixed(0), retries: this.retryText() });
  }

  retried(): void {
    this.retries++;
    this.bar.update({ retries: this.retryText() });
  }

  stop(): void {
    this.bar.stop();
  }

  private retryText(): string {
    return this.retries ? ` | ${this.retries} retries` : '';
  }
}

export class LineProgress implements Progress {
  private total = 0;
  private done = 0;
  private retries = 0;
  private startedAt = 0;
  private lastPrintAt = 0;

  constructor(
    private readonly stream: Stream,
    private readonly now: () => number,
    private readonly intervalMs = 2_000,
  ) {}

  start(total: number): void {
    this.total = total;
    this.startedAt = this.lastPrintAt = this.now();
  }

  advance(count: number): void {
    this.done += count;
    const now = this.now();
    if (now - this.lastPrintAt >= this.intervalMs && this.done < this.total) {
      this.lastPrintAt = now;
      this.print(now);
    }
  }

  retried(): void {
    this.retries++;
  }

  stop(): void {
    if (this.done > 0) this.print(this.now());
  }

  private print(now: number): void {
    const { rate, etaSeconds } = rateAndEta(this.done, this.total, now - this.startedAt);
    const percent = Math.floor((this.done / this.total) * 100);
    const eta = this.done < this.total && etaSeconds !== undefined ? `, ETA ${etaSeconds}s` : '';
    const retries = this.retries ? `, ${this.retries} retries` : '';
    this.stream.write(`push: ${this.done}/${this.total} articles sent (${percent}%), ${rate.toFixed(0)}/s${eta}${retries}\n`);
  }
}
