/**
 * What the stand-in's batch shortcuts (batch-writes.ts, batch-reads.ts) use of dynalite: its action
 * signature, its store and item sublevels, the functions of its db module, and which batches they take.
 */

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
  batch(
    operations: Array<{ type: 'put'; key: string; value: Item } | { type: 'del'; key: string }>,
    callback: (err: Error | null) => void,
  ): void;
  lock(keys: string[], exec: (release: (done: Callback) => Callback) => void): void;
}

export interface BatchStore {
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
}

/** Consumed capacity is sized from the old items: such batches go to dynalite. */
const SIZED = new Set(['TOTAL', 'INDEXES']);

/** The batch's one table, when it has one and asks for no consumed capacity (what the shortcuts take). */
export function onlyTable(batch: { RequestItems: Record<string, unknown>; ReturnConsumedCapacity?: string }): string | undefined {
  const tables = Object.keys(batch.RequestItems);
  return tables.length === 1 && !SIZED.has(batch.ReturnConsumedCapacity ?? '') ? tables[0] : undefined;
}
