/**
 * dynalite writes each item change to LevelDB on its own: a put or a delete per PutItem or DeleteItem,
 * a batch per BatchWriteItem. Each is a job queued to libuv's thread pool, a wake-up of a pool thread, a
 * log write and a completion back in this thread: ≈ 50–115 µs of this thread per write, ≈ 36 % of it
 * under `bench:pipeline` (docs/benchmarks.md, "Pipeline"). This gathers the writes one turn of the event
 * loop makes into one LevelDB batch, written at the end of the turn, and calls every writer back with its
 * result. A writer still hears back only once LevelDB has its change; writes of one item never share a
 * batch, since dynalite holds the item's lock until its write is called back. The values are encoded when
 * the batch is written, not when a write is made: no writer changes its value before it is called back.
 *
 * Two things keep it from being worse than one write at a time. The turn's batch counts as a pending
 * operation for dynalite's graceful close, so a write made just before a stop is stored before the store
 * closes. And when the batch fails (LevelDB writes nothing of a failed batch), each writer's own writes
 * are tried again on their own, so one refused value fails only its writer.
 *
 * Installed through dynalite-stores.ts: when the store is not the shape expected, nothing is changed.
 */
import { changeDynaliteStores, type LevelDb, type LevelOperation as Operation } from './dynalite-stores';
import { TurnBatch } from './turn-batch';

/** What this change uses of the database: its writes. */
type WritingDb = Pick<LevelDb, 'status' | 'put' | 'del' | 'batch'>;
type Callback = (err: Error | null) => void;

/** dynalite's lifecycle manager (`store.lifecycleManager`): its graceful close waits for tracked operations. */
interface Lifecycle {
  trackOperation(operation: Promise<unknown>): unknown;
}

function isWritingDb(value: unknown): value is WritingDb {
  const db = value as Partial<WritingDb> | undefined;
  return typeof db?.put === 'function' && typeof db.del === 'function' && typeof db.batch === 'function';
}

function isLifecycle(value: unknown): value is Lifecycle {
  return typeof (value as Partial<Lifecycle> | undefined)?.trackOperation === 'function';
}

interface Writer {
  operations: Operation[];
  callback: Callback;
}

/**
 * Makes one database's callback writes wait for the end of the turn and go as one batch; `track` is told
 * of each turn's batch (it settles once every writer of the turn was called back). Exported for its test.
 */
export function writeByTurn(db: WritingDb, track: (flushed: Promise<void>) => void = () => undefined): void {
  const { put, del, batch } = db;
  /** Settles the batch of the turn under way, once its writers were called back (undefined between turns). */
  let flushed: (() => void) | undefined;
  // Each callback in a tick of its own: one that throws still leaves the others called.
  const answer = (writer: Writer, err: Error | null | undefined) => process.nextTick(writer.callback, err ?? null);
  const flush = (turn: Writer[]) => {
    const done = flushed ?? (() => undefined);
    flushed = undefined;
    batch.call(
      db,
      turn.flatMap((w) => w.operations),
      (err) => {
        if (!err || turn.length === 1) {
          for (const writer of turn) answer(writer, err);
          return done();
        }
        let left = turn.length;
        for (const writer of turn) {
          batch.call(db, writer.operations, (own) => {
            answer(writer, own);
            if (--left === 0) done();
          });
        }
      },
    );
  };
  const turns = new TurnBatch<Writer>(flush);
  const enqueue = (operations: Operation[], callback: Callback) => {
    if (flushed === undefined) track(new Promise<void>((resolve) => (flushed = resolve)));
    turns.push({ operations, callback });
  };
  // Promise callers, and a database that is not open (closing, closed), keep dynalite's own path and errors.
  const gathered = (callback: unknown): callback is Callback => typeof callback === 'function' && db.status === 'open';
  db.put = function (this: WritingDb, key: string, value: unknown, callback?: Callback) {
    if (!gathered(callback)) return put.call(db, key, value, callback);
    enqueue([{ type: 'put', key, value }], callback);
  };
  db.del = function (this: WritingDb, key: string, callback?: Callback) {
    if (!gathered(callback)) return del.call(db, key, callback);
    enqueue([{ type: 'del', key }], callback);
  };
  db.batch = function (this: WritingDb, operations: Operation[], callback?: Callback) {
    if (!gathered(callback) || !Array.isArray(operations)) return batch.call(db, operations, callback);
    enqueue(operations, callback);
  };
}

/** Makes every dynalite store created from now on in this thread write by turns. */
export function installTurnWrites(): void {
  changeDynaliteStores('turnWrites', (store) => {
    if (!isWritingDb(store.db)) return;
    const lifecycle = store.lifecycleManager;
    writeByTurn(store.db, (flushed) => {
      // A store already closed refuses to track (a rejected promise, handled here); the batch then fails as a write would.
      if (isLifecycle(lifecycle)) Promise.resolve(lifecycle.trackOperation(flushed)).catch(() => undefined);
    });
  });
}
