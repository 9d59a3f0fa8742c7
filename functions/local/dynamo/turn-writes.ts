/**
 * dynalite writes each item change to LevelDB on its own: a put or a delete per PutItem or DeleteItem,
 * a batch per BatchWriteItem. Each is a job queued to libuv's thread pool, a wake-up of a pool thread, a
 * log write and a completion back in this thread: ≈ 50–115 µs of this thread per write, ≈ 40 % of it
 * under `bench:pipeline` (docs/benchmarks.md, "Pipeline"). This gathers the writes one turn of the event
 * loop makes into one LevelDB batch, written at the end of the turn, and calls every writer back with its
 * result. A writer still hears back only once LevelDB has its change; writes of one item never share a
 * batch, since dynalite holds the item's lock until its write is called back.
 *
 * Installed through dynalite-stores.ts: when the store is not the shape expected, nothing is changed.
 */
import { changeDynaliteStores } from './dynalite-stores';

type Callback = (err: Error | null) => void;
type Operation = { type: 'put'; key: string; value: unknown } | { type: 'del'; key: string };

/** dynalite's LevelDB database (`store.db`, a `level` instance) after its callback wrapper. */
interface LevelDb {
  status?: string;
  put(key: string, value: unknown, callback?: Callback): unknown;
  del(key: string, callback?: Callback): unknown;
  batch(operations: Operation[], callback?: Callback): unknown;
}

function isLevelDb(value: unknown): value is LevelDb {
  const db = value as Partial<LevelDb> | undefined;
  return typeof db?.put === 'function' && typeof db.del === 'function' && typeof db.batch === 'function';
}

/** Makes one database's callback writes wait for the end of the turn and go as one batch (exported for its test). */
export function writeByTurn(db: LevelDb): void {
  const { put, del, batch } = db;
  let operations: Operation[] = [];
  let callbacks: Callback[] = [];
  const flush = () => {
    const written = operations;
    const waiting = callbacks;
    operations = [];
    callbacks = [];
    batch.call(db, written, (err) => {
      for (const callback of waiting) callback(err ?? null);
    });
  };
  const enqueue = (added: Operation[], callback: Callback) => {
    if (callbacks.length === 0) setImmediate(flush);
    for (const operation of added) operations.push(operation);
    callbacks.push(callback);
  };
  // Promise callers, and a database that is not open (closing, closed), keep dynalite's own path and errors.
  const gathered = (callback: unknown): callback is Callback => typeof callback === 'function' && db.status === 'open';
  db.put = function (this: LevelDb, key: string, value: unknown, callback?: Callback) {
    if (!gathered(callback)) return put.call(db, key, value, callback);
    enqueue([{ type: 'put', key, value }], callback);
  };
  db.del = function (this: LevelDb, key: string, callback?: Callback) {
    if (!gathered(callback)) return del.call(db, key, callback);
    enqueue([{ type: 'del', key }], callback);
  };
  db.batch = function (this: LevelDb, added: Operation[], callback?: Callback) {
    if (!gathered(callback) || !Array.isArray(added)) return batch.call(db, added, callback);
    enqueue(added, callback);
  };
}

/** Makes every dynalite store created from now on in this thread write by turns. */
export function installTurnWrites(): void {
  changeDynaliteStores('turnWrites', (store) => {
    if (isLevelDb(store.db)) writeByTurn(store.db);
  });
}
