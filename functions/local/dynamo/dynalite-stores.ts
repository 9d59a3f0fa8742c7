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
