/**
 * dynalite writes every item with a LevelDB put of its own — a BatchWriteItem of 25 items is 25 puts,
 * and 32 requests in flight are as many more — each a promise, a job on libuv's thread pool and a
 * `setImmediate` back. The puts and deletes one event-loop turn of the stand-in's thread issues go to
 * LevelDB as one batch instead (one job, one log record): each caller's callback runs once the batch is
 * written, as it ran once its own put was, and gets the batch's error if it failed.
 *
 * Order: a batch applies its writes in the order they were issued. Writes to one item never share a
 * turn or overlap anyway: dynalite holds a lock on an item's key from its read to the end of its write.
 *
 * Installed through dynalite-stores.ts: when the store is not the shape expected (another dynalite or
 * level version), nothing is changed.
 */
import { changeDynaliteStores } from './dynalite-stores';

type Done = (err: Error | null) => void;
type Write = { type: 'put'; key: string; value: unknown } | { type: 'del'; key: string };

/** dynalite's LevelDB database (`store.db`, a `level` instance) after its callback wrapper. */
interface LevelDb {
  status?: string;
  put(key: string, value: unknown, callback?: Done): unknown;
  del(key: string, callback?: Done): unknown;
  batch(operations: Write[], callback?: Done): unknown;
}

function isLevelDb(value: unknown): value is LevelDb {
  const db = value as Partial<LevelDb> | undefined;
  return typeof db?.put === 'function' && typeof db.del === 'function' && typeof db.batch === 'function';
}

/** Makes one store write a turn's puts and deletes as one LevelDB batch (exported for its test). */
export function batchWrites(db: LevelDb): void {
  const { put, del, batch } = db;
  let queued: Array<{ write: Write; done: Done }> = [];
  const flush = () => {
    const writes = queued;
    queued = [];
    // dynalite's own batch: it tracks the write, so a closing store waits for it.
    batch.call(
      db,
      writes.map((w) => w.write),
      (err) => {
        for (const { done } of writes) done(err ?? null);
      },
    );
  };
  /** Promise callers, and a store that is not open (closing, closed), keep dynalite's own path and errors. */
  const queue = (write: Write, done: Done | undefined, alone: () => unknown) => {
    if (typeof done !== 'function' || db.status !== 'open') return alone();
    if (queued.length === 0) setImmediate(flush);
    queued.push({ write, done });
    return undefined;
  };
  db.put = (key, value, done) => queue({ type: 'put', key, value }, done, () => put.call(db, key, value, done));
  db.del = (key, done) => queue({ type: 'del', key }, done, () => del.call(db, key, done));
}

/** Makes every dynalite store created from now on in this thread batch its writes per turn. */
export function installWriteBatches(): void {
  changeDynaliteStores('writeBatches', (store) => {
    if (isLevelDb(store.db)) batchWrites(store.db);
  });
}
