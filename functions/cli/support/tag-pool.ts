import type { Worker } from 'node:worker_threads';
import { type CheckedArticle, lookUpCache, type MatcherSource } from './tag-matcher';
import type { FromWorker, WorkerSetup } from './tag-thread';
import { type StartingWorker, spawnTagWorker } from './tag-spawn';

/** A worker could not load the matcher (a bad watchlist file): the message says why. */
export class PoolStartError extends Error {}

/** A tagging thread stopped (crashed, ran out of memory): the batches it held and every later one fail with this. */
export class TagThreadStopped extends Error {}

/**
 * Worker threads that tag for `newswatch tag --jsonl` while the main thread reads, checks (JSON and
 * the article schema) and writes: a worker is sent a batch's checked articles and sends back their
 * output lines. Only the workers load a matcher and warm up the tagger's code; each loads its own
 * (decoded from the matcher cache entry the main thread read for them, or built: in parallel, so a
 * build costs the time of one). Results come back per batch and are written in input order by the caller.
 */
export class TagPool {
  private readonly pending = new Map<number, { resolve: (out: string) => void; reject: (e: Error) => void }>();
  private readonly load: number[];
  private seq = 0;
  /** Set once a thread failed: a batch sent to it would wait for ever, so every later one is refused. */
  private failure: TagThreadStopped | PoolStartError | undefined;
  /**
   * Settles once every worker has its matcher; rejects with the first PoolStartError, or with the
   * TagThreadStopped of a thread that ended before it was ready (else a run would wait for it for ever).
   */
  readonly started: Promise<void>;

  private constructor(private readonly workers: Worker[]) {
    this.load = workers.map(() => 0);
    for (const w of workers) {
      w.on('error', (e) => this.fail(new TagThreadStopped(`a tagging thread failed (${e.message})`)));
      // A thread that ends with batches outstanding would leave them waiting for ever (close() ends them with none).
      w.on('exit', (code) => this.fail(new TagThreadStopped(`a tagging thread stopped (exit code ${code})`)));
    }
    const ready = workers.map(
      (w, i) =>
        new Promise<void>((resolve, reject) => {
          // After the handlers above: `failure` is set by then (a no-op once the thread was ready).
          w.once('exit', () => reject(this.failure));
          w.on('message', (m: FromWorker) => {
            if (m.kind === 'ready') resolve();
            else if (m.kind === 'failed') {
              const error = new PoolStartError(m.message);
              reject(error);
              this.fail(error);
            } else this.settle(i, m);
          });
        }),
    );
    this.started = Promise.all(ready).then(() => undefined);
    this.started.catch(() => undefined); // awaited by the caller at the end of its run; a failure also fails every batch
  }

  /**
   * Starts `size` workers running `entry` (a module that calls runTagWorker in a worker thread; `early`:
   * ones already started with spawnTagWorker, used first) and returns at once, so the caller reads and
   * checks the first batches while the workers start up and load their matchers: a batch posted before
   * then waits in the worker's queue. The matcher cache entry is looked up here (once: its key hashed,
   * the entry read and checked) while the workers start up, and each is handed the key and its own copy
   * of the bytes, or is told there are none. A worker that cannot load the matcher fails every batch with
   * PoolStartError, and so does `started`.
   */
  static start(entry: URL, size: number, source: MatcherSource, early: readonly StartingWorker[] = []): TagPool {
    const starting = Array.from({ length: size }, (_, i) => early[i] ?? spawnTagWorker(entry));
    const pool = new TagPool(
      starting.map(({ worker }) => {
        worker.ref();
        return worker;
      }),
    );
    const lookup = lookUpCache(source);
    starting.forEach(({ setup }, i) => {
      // A copy of its own for each thread, moved rather than copied again (the read buffer may be shared).
      const own = lookup?.payload && new Uint8Array(lookup.payload);
      const message: WorkerSetup = { source, writesCache: i === 0, lookup: lookup && { key: lookup.key, payload: own } };
      setup.postMessage(message, own ? [own.buffer] : []);
    });
    return pool;
  }

  /** Tags a batch's checked articles on the least busy worker: their output lines. */
  run(articles: CheckedArticle[]): Promise<string> {
    if (this.failure) return Promise.reject(this.failure);
    const i = this.load.indexOf(Math.min(...this.load));
    const seq = this.seq++;
    this.load[i]!++;
    return new Promise((resolve, reject) => {
      this.pending.set(seq, { resolve, reject });
      this.workers[i]!.postMessage({ seq, articles });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private settle(worker: number, m: Extract<FromWorker, { kind: 'done' }>): void {
    this.load[worker]!--;
    const waiting = this.pending.get(m.seq);
    this.pending.delete(m.seq);
    waiting?.resolve(m.out);
  }

  private fail(error: TagThreadStopped | PoolStartError): void {
    this.failure ??= error;
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}
