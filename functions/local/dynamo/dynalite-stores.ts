/**
 * The stand-in's changes to dynalite's store reach into it the one way it allows: its store module
 * (`require('dynalite/db')`) creates each store through `create`, which dynalite itself looks up on the
 * module at every server start. A change wraps that `create` once per thread and is given each store
 * made from then on; when dynalite is missing or not the shape expected, nothing is changed.
 */
import { createRequire } from 'node:module';

/** The parts of a dynalite store the changes touch: its LevelDB database, its table-description sublevel and its lifecycle manager. */
export interface DynaliteStore {
  db?: unknown;
  tableDb?: unknown;
  lifecycleManager?: unknown;
}

/** One change to a LevelDB database: what `batch` takes. */
export type LevelOperation = { type: 'put'; key: string; value: unknown } | { type: 'del'; key: string };
type LevelCallback = (err: Error | null, value?: unknown) => void;

/**
 * dynalite's LevelDB database (`store.db`, a `level` instance after its callback wrapper): what the
 * changes use of it. Each change checks, before it wraps anything, that the methods it needs are there.
 */
export interface LevelDb {
  /** `open` while writes and reads are taken; a database closing or closed keeps dynalite's own path. */
  status?: string;
  get(key: string, callback?: LevelCallback): unknown;
  getSync?(key: string): unknown;
  put(key: string, value: unknown, callback?: LevelCallback): unknown;
  del(key: string, callback?: LevelCallback): unknown;
  batch(operations: LevelOperation[], callback?: LevelCallback): unknown;
}

const require = createRequire(import.meta.url);

/** Calls `change` on every dynalite store created from now on in this thread; once per `name`. */
export function changeDynaliteStores(name: string, change: (store: DynaliteStore) => void): void {
  const marker = Symbol.for(`newswatch.dynalite.${name}`);
  let stores: { create?: (options: unknown) => DynaliteStore; [marker]?: true };
  try {
    stores = require('dynalite/db');
  } catch {
    return; // dynalite itself reports a missing install
  }
  const create = stores.create;
  if (stores[marker] || typeof create !== 'function') return;
  stores.create = (options: unknown) => {
    const store = create(options);
    if (store) change(store);
    return store;
  };
  stores[marker] = true;
}
