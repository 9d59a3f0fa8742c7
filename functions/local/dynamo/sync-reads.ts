/**
 * dynalite reads an item from LevelDB before every write and for every key of a read: each read is a
 * promise, a trip through libuv's thread pool (a job, a wake-up, a LevelDB snapshot taken and released)
 * and a `setImmediate` back, several times the CPU of the lookup itself, which LevelDB answers from
 * memory (its memtable and block cache) in microseconds. This thread is the stand-in's own, so its
 * reads can simply block: `getSync` does the same lookup in this thread, and the caller still gets its
 * answer in a later turn, as before (dynalite's code never sees a callback run inside its call).
 *
 * Installed through dynalite-stores.ts: when the store is not the shape expected (another dynalite or
 * level version), nothing is changed.
 */
import { changeDynaliteStores, type LevelDb } from './dynalite-stores';

/** What this change uses of the database: its reads, the synchronous one included. */
type ReadingDb = Pick<LevelDb, 'status' | 'get'> & Required<Pick<LevelDb, 'getSync'>>;
type Callback = Parameters<LevelDb['get']>[1];

function hasSyncReads(value: unknown): value is ReadingDb {
  const db = value as Partial<LevelDb> | undefined;
  return typeof db?.get === 'function' && typeof db.getSync === 'function';
}

/** Makes one store's item reads synchronous lookups with a deferred callback (exported for its test). */
export function readSynchronously(db: ReadingDb): void {
  const get = db.get;
  db.get = function (this: ReadingDb, key: string, callback?: Callback) {
    // Promise callers, and a database that is not open (closing, closed), keep dynalite's own path and errors.
    if (typeof callback !== 'function' || db.status !== 'open') return get.call(db, key, callback);
    let value: unknown;
    try {
      value = db.getSync(key);
    } catch (err) {
      setImmediate(callback, err as Error);
      return;
    }
    setImmediate(callback, null, value);
  };
}

/** Makes every dynalite store created from now on in this thread read its items synchronously. */
export function installSyncReads(): void {
  changeDynaliteStores('syncReads', (store) => {
    if (hasSyncReads(store.db)) readSynchronously(store.db);
  });
}
