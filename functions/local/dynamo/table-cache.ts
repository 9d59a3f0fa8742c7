/**
 * dynalite reads the table's description from LevelDB before every item operation (its `getTable`):
 * one more LevelDB read — a trip through libuv's thread pool and a JSON decode — per request, about a
 * quarter of the stand-in's CPU in `bench:pipeline`. Descriptions change only through CreateTable,
 * UpdateTable and DeleteTable, all of which write them through the same `tableDb`, so the last one read
 * is kept in memory and forgotten on every write. Each caller gets its own copy, as from LevelDB.
 *
 * The stand-in's own item operations (batch-reads.ts, batch-writes.ts, item-writes.ts) only read a
 * description: they take the kept one itself (`keptTable`), frozen, in the same turn — no copy, no turn
 * of the event loop. dynalite's own code still gets a copy of its own, as it may change it.
 *
 * This reaches into dynalite's store (dynalite-stores.ts): when its shape is not the one expected
 * (another dynalite version), nothing is changed and dynalite reads LevelDB as before.
 */
import { changeDynaliteStores } from './dynalite-stores';

type Callback = (err: Error | null, value?: unknown) => void;

interface TableDb {
  get(key: string, callback: Callback): void;
  put(key: string, value: unknown, callback: (err: Error | null) => void): void;
  del(key: string, callback: (err: Error | null) => void): void;
  batch(operations: unknown[], callback: (err: Error | null) => void): void;
}

/** Where a wrapped table sublevel keeps its read-only lookup of kept descriptions. */
const KEPT = Symbol('newswatch.keptTableDescription');
type Kept = { text: string; frozen: object };

/** An object and everything in it frozen: a kept description is shared, so no reader may change it. */
function deepFrozen<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFrozen(inner);
    Object.freeze(value);
  }
  return value;
}

/** Statuses in which dynalite's getTable, as the item operations call it, answers "not found". */
const NOT_FOUND_FOR_ITEMS = new Set(['CREATING', 'DELETING']);

/**
 * The kept description of table `name`, shared and frozen (never change it), when the cache holds one
 * dynalite's getTable would answer an item operation with (one with a status, neither CREATING nor
 * DELETING); undefined otherwise (read it with getTable, which gives dynalite's refusal).
 */
export function keptTable<T extends object>(store: { tableDb?: unknown }, name: string): T | undefined {
  const lookup = (store.tableDb as { [KEPT]?: (key: string) => object | undefined } | undefined)?.[KEPT];
  const table = lookup?.(name) as { TableStatus?: unknown } | undefined;
  const status = table?.TableStatus;
  return status && !NOT_FOUND_FOR_ITEMS.has(String(status)) ? (table as T) : undefined;
}

function isTableDb(value: unknown): value is TableDb {
  const db = value as Partial<TableDb> | undefined;
  return ['get', 'put', 'del', 'batch'].every((name) => typeof db?.[name as keyof TableDb] === 'function');
}

/** Wraps one store's table sublevel with the cache (exported for its test). */
export function cacheTableDescriptions(tableDb: TableDb): void {
  const { get, put, del, batch } = tableDb;
  // Kept as JSON text, the form LevelDB stores it in (dynalite's store is `valueEncoding: 'json'`): each
  // caller's copy is one JSON.parse, about half the CPU of a structuredClone of the same object. Beside
  // it, the same parsed once and frozen, for the readers that take it as it is (keptTable).
  const cache = new Map<string, Kept>();
  (tableDb as TableDb & { [KEPT]?: (key: string) => object | undefined })[KEPT] = (key) => cache.get(key)?.frozen;
  // What a read found is kept only if no write was under way at any moment of it: writes bump the
  // version as they start and as they end, and `writing` counts those not answered yet. A read made
  // while a write is in flight may find the old or the new description (LevelDB has the write before it
  // answers it), and with several such reads answered out of order, keeping the last answered one could
  // hand out CREATING after another caller had already been told ACTIVE.
  let version = 0;
  let writing = 0;
  /** Runs one write of `key` (of any key: undefined), dropping what was kept of it as it starts and as it is answered. */
  const write = (key: string | undefined, send: (done: (err: Error | null) => void) => void, callback?: (err: Error | null) => void) => {
    const moved = (step: 1 | -1) => {
      writing += step;
      version++;
      if (key === undefined) cache.clear();
      else cache.delete(key);
    };
    moved(1);
    send((err) => {
      moved(-1);
      callback?.(err);
    });
  };
  tableDb.get = (key, callback) => {
    const cached = cache.get(key);
    if (cached !== undefined) return void setImmediate(callback, null, JSON.parse(cached.text));
    const started = version;
    get.call(tableDb, key, (err, value) => {
      const quiet = started === version && writing === 0;
      if (!err && quiet && value && typeof value === 'object') {
        const text = JSON.stringify(value);
        cache.set(key, { text, frozen: deepFrozen(JSON.parse(text)) });
      }
      callback(err, value);
    });
  };
  tableDb.put = (key, value, callback) => write(key, (done) => put.call(tableDb, key, value, done), callback);
  tableDb.del = (key, callback) => write(key, (done) => del.call(tableDb, key, done), callback);
  tableDb.batch = (operations, callback) => write(undefined, (done) => batch.call(tableDb, operations, done), callback);
}

/** Makes every dynalite store created from now on in this thread cache its table descriptions. */
export function installTableCache(): void {
  changeDynaliteStores('tableCache', (store) => {
    if (isTableDb(store.tableDb)) cacheTableDescriptions(store.tableDb);
  });
}
