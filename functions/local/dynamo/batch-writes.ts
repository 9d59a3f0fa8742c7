/**
 * dynalite writes a BatchWriteItem item by item, each as a PutItem or DeleteItem of its own: the table's
 * description looked up and the item checked and keyed a second time, the item's lock taken, the old
 * item read (and its JSON parsed) to test a condition a batch never has, then one LevelDB write — a
 * promise and a trip through libuv's thread pool — per item. Per item that was ≈ 2 × the CPU of a read
 * in the stand-in's thread, and story clustering writes ≈ 5 such items per article (docs/benchmarks.md,
 * "Pipeline"). This writes a batch as dynalite does, in one LevelDB batch under the locks of all its
 * items, without reading them first: nothing of an unconditional put or delete depends on the old item
 * when the table has no secondary indexes (whose entries it would move) and no consumed capacity is
 * asked for (which it would size). Any other batch goes to dynalite's own operation.
 *
 * The checks and refusals are dynalite's, in its order: each request's key checked in turn
 * (`validateItem`, `validateKey`), then duplicate keys, then its message for a key that does not match
 * the schema; the answer is its answer (`UnprocessedItems` empty). What differs is only that the
 * batch's items land together or not at all, where dynalite could write some of them before a failing
 * one — DynamoDB promises neither. Used by dynalite-direct.ts for the runtime's own requests (its test
 * compares every answer and the stored items with dynalite's).
 */

import {
  type Action,
  type DynaliteDb,
  hasIndexes,
  type Item,
  type ItemDb,
  onlyTable,
  type ShortcutStore,
  withTable,
} from './dynalite-shapes';

interface WriteRequest {
  PutRequest?: { Item: Item };
  DeleteRequest?: { Key: Item };
}

interface BatchData {
  RequestItems: Record<string, WriteRequest[]>;
  ReturnConsumedCapacity?: string;
  ReturnItemCollectionMetrics?: string;
}

/** What dynalite's batchWriteItem calls a key that does not match the schema (its message rewrite). */
const KEY_SCHEMA_MISMATCH = /Missing the key|Type mismatch for key/;
const SCHEMA_MESSAGE = 'The provided key element does not match the schema';
function withSchemaMessage(err: Error & { body?: unknown }): Error {
  const body = err.body as { message?: unknown } | undefined;
  if (typeof body?.message === 'string' && KEY_SCHEMA_MISMATCH.test(body.message)) body.message = SCHEMA_MESSAGE;
  return err;
}

/**
 * dynalite's BatchWriteItem action, writing the batch at once where that gives the same answer and
 * items (see above); `fallback` (dynalite's own action) takes every other batch.
 */
export function batchWriteAtOnce(db: DynaliteDb, fallback: Action): Action {
  return (dynaliteStore, data, cb) => {
    const store = dynaliteStore as ShortcutStore;
    const batch = data as BatchData;
    const tableName = onlyTable(batch);
    if (tableName === undefined) return fallback(store, data, cb);
    withTable(store, tableName, (err, table) => {
      if (err) return cb(err);
      if (!table || hasIndexes(table)) return fallback(store, data, cb);
      const operations: Parameters<ItemDb['batch']>[0] = [];
      const seen = new Set<string>();
      for (const request of batch.RequestItems[tableName]!) {
        const item = request.PutRequest?.Item;
        const key = item ?? request.DeleteRequest?.Key;
        // dynalite's checks refuse an empty request; one with neither part is left to dynalite as it is.
        if (key === undefined) return fallback(store, data, cb);
        const invalid = item ? db.validateItem(item, table) : db.validateKey(key, table);
        if (invalid) return cb(withSchemaMessage(invalid));
        const keyString = db.createKey(key, table);
        if (seen.has(keyString)) return cb(db.validationError('Provided list of item keys contains duplicates'));
        seen.add(keyString);
        operations.push(item ? { type: 'put', key: keyString, value: item } : { type: 'del', key: keyString });
      }
      const itemDb = store.getItemDb(tableName);
      // Every item's lock, as dynalite's put and delete take one each: a conditional write of the same item waits.
      itemDb.lock([...seen], (release) => {
        const done = release(cb);
        itemDb.batch(operations, (writeErr) => (writeErr ? done(writeErr) : done(null, { UnprocessedItems: {} })));
      });
    });
  };
}
