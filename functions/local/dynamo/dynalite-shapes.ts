/**
 * What the stand-in's shortcuts (batch-writes.ts, batch-reads.ts, item-writes.ts) use of dynalite: its
 * action signature, its store and item sublevels, the functions of its db module, and which requests
 * they take.
 */
import { keptTable } from './table-cache';

export type Callback = (err: (Error & { statusCode?: number; body?: unknown }) | null, data?: unknown) => void;
/** A dynalite action: (store, checked request, callback). */
export type Action = (store: unknown, data: unknown, cb: Callback) => void;
export type Item = Record<string, unknown>;

export interface TableDescription {
  GlobalSecondaryIndexes?: unknown[];
  LocalSecondaryIndexes?: unknown[];
}

/** A dynalite item sublevel: its keys prefixed, its values JSON, one lock queue per key. */
export interface ItemDb {
  get(key: string, callback: (err: (Error & { name?: string }) | null, value?: Item) => void): void;
  put(key: string, value: Item, callback: (err: Error | null) => void): void;
  del(key: string, callback: (err: Error | null) => void): void;
  batch(
    operations: Array<{ type: 'put'; key: string; value: Item } | { type: 'del'; key: string }>,
    callback: (err: Error | null) => void,
  ): void;
  lock(keys: string | string[], exec: (release: (done: Callback) => Callback) => void): void;
}

export interface ShortcutStore {
  tableDb?: unknown;
  getTable(name: string, callback: (err: Error | null, table?: TableDescription) => void): void;
  getItemDb(name: string): ItemDb;
  options: { maxItemSize: number };
}

/** The functions of dynalite's db module this uses (`require('dynalite/db')`). */
export interface DynaliteDb {
  itemSize(item: Item): number;
  validateItem(item: Item, table: TableDescription): Error | undefined | null;
  validateKey(key: Item, table: TableDescription): Error | undefined | null;
  createKey(item: Item, table: TableDescription): string;
  validationError(message: string): Error;
  /** The request's condition (parsed `_condition`, or the legacy `Expected`) against the stored item: the refusal, if any. */
  checkConditional(data: unknown, existing: Item | undefined): Error | undefined | null;
}

/** Consumed capacity is sized from the old items: such requests go to dynalite. */
const SIZED = new Set(['TOTAL', 'INDEXES']);
export const sizesCapacity = (request: { ReturnConsumedCapacity?: string }) => SIZED.has(request.ReturnConsumedCapacity ?? '');

/** Secondary indexes have entries a write moves (dynalite's updateIndexes): a table with any goes to dynalite. */
export const hasIndexes = (table: TableDescription) =>
  (table.GlobalSecondaryIndexes?.length ?? 0) + (table.LocalSecondaryIndexes?.length ?? 0) > 0;

/**
 * The description of table `name`, for a shortcut that only reads it: the one the table cache keeps, at
 * once (table-cache.ts), else through dynalite's getTable (its copy, its refusal of a missing table).
 */
export function withTable(store: ShortcutStore, name: string, callback: (err: Error | null, table?: TableDescription) => void): void {
  const kept = keptTable<TableDescription>(store, name);
  if (kept) callback(null, kept);
  else store.getTable(name, callback);
}

/** The batch's one table, when it has one and asks for no consumed capacity (what the shortcuts take). */
export function onlyTable(batch: { RequestItems: Record<string, unknown>; ReturnConsumedCapacity?: string }): string | undefined {
  const tables = Object.keys(batch.RequestItems);
  return tables.length === 1 && !sizesCapacity(batch) ? tables[0] : undefined;
}
