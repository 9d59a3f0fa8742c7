/**
 * dynalite reads a BatchGetItem key by key, each as a GetItem of its own: the table's description
 * looked up (a JSON parse and a turn of the event loop) and the key checked a second time for every key.
 * Story clustering reads ≈ 8 index keys per article in one batch (docs/benchmarks.md, "Pipeline"). This
 * reads a batch as dynalite does with the description looked up once: each key checked (its
 * `validateKey`, refusing the first bad key as it does), keyed and read, then the answer built as its
 * answer is — the items in random order (DynamoDB leaves it open), those beyond the size a batch may
 * return as `UnprocessedKeys`. A batch over several tables, with a projection or asking for consumed
 * capacity goes to dynalite's own action. Used by dynalite-direct.ts for the runtime's own requests (its
 * test compares every answer with dynalite's).
 */
import { type Action, type DynaliteDb, type Item, onlyTable, type ShortcutStore, withTable } from './dynalite-shapes';

interface BatchGetData {
  RequestItems: Record<string, { Keys: Item[]; ConsistentRead?: boolean; AttributesToGet?: unknown; _projection?: unknown }>;
  ReturnConsumedCapacity?: string;
}

/** What one response may hold, as dynalite counts it (1 MB, less its 3 bytes, plus one item's worth). */
const RESPONSE_BYTES = 1024 * 1024 - 3;

/** A Fisher–Yates shuffle with Math.random, as dynalite orders a batch's items. */
function shuffle<T>(values: T[]): T[] {
  for (let i = values.length - 1; i >= 1; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [values[i], values[j]] = [values[j]!, values[i]!];
  }
  return values;
}

/** dynalite's BatchGetItem action with one description lookup per batch; `fallback` takes every other batch. */
export function batchGetAtOnce(db: DynaliteDb, fallback: Action): Action {
  return (dynaliteStore, data, cb) => {
    const store = dynaliteStore as ShortcutStore;
    const batch = data as BatchGetData;
    const tableName = onlyTable(batch);
    const request = tableName === undefined ? undefined : batch.RequestItems[tableName];
    if (!request || request.AttributesToGet !== undefined || request._projection !== undefined) return fallback(store, data, cb);
    withTable(store, tableName!, (err, table) => {
      if (err) return cb(err);
      if (!table) return fallback(store, data, cb);
      for (const key of request.Keys) {
        const invalid = db.validateKey(key, table);
        if (invalid) return cb(invalid);
      }
      const itemDb = store.getItemDb(tableName!);
      const found: Array<{ key: Item; item?: Item }> = request.Keys.map((key) => ({ key }));
      let waiting = found.length;
      let failed = false;
      if (waiting === 0) return cb(null, answer(found));
      for (const entry of found) {
        itemDb.get(db.createKey(entry.key, table), (readErr, item) => {
          if (failed) return;
          if (readErr && readErr.name !== 'NotFoundError') {
            failed = true;
            return cb(readErr);
          }
          if (item) entry.item = item;
          if (--waiting === 0) cb(null, answer(shuffle(found)));
        });
      }
    });

    function answer(found: Array<{ key: Item; item?: Item }>) {
      const items: Item[] = [];
      const unprocessed: Item[] = [];
      let size = 0;
      for (const { key, item } of found) {
        if (!item) continue;
        const next = size + db.itemSize(item);
        if (next > RESPONSE_BYTES + store.options.maxItemSize) unprocessed.push(key);
        else {
          size = next;
          items.push(item);
        }
      }
      const UnprocessedKeys: Record<string, unknown> =
        unprocessed.length === 0
          ? {}
          : { [tableName!]: { Keys: unprocessed, ...(request!.ConsistentRead && { ConsistentRead: request!.ConsistentRead }) } };
      return { Responses: { [tableName!]: items }, UnprocessedKeys };
    }
  };
}
