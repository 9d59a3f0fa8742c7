/**
 * dynalite writes a PutItem or DeleteItem as: the table's description read (a copy parsed from JSON, and
 * a turn of the event loop), the item or key checked and keyed, its lock, the old item read (and its JSON
 * parsed) whatever the request, the secondary indexes updated through `async.parallel` (two rounds of
 * empty task lists on a table without any), the consumed capacity worked out, then the LevelDB write.
 * Half of the runtime's table requests are such writes (docs/benchmarks.md, "Pipeline"). This writes them
 * as dynalite does with the description the table cache keeps (table-cache.ts, no copy), and reads the
 * old item only when something needs it: a condition (`ConditionExpression` or the legacy `Expected`) or
 * `ReturnValues: ALL_OLD`. An alert's due entry, deleted without a condition, is not read first.
 *
 * The checks, refusals and answers are dynalite's own functions in its order (`validateItem` or
 * `validateKey`, `createKey`, `checkConditional` under the item's lock), and the write is acknowledged
 * only once LevelDB has it, as dynalite does. A table with secondary indexes, or a request asking for
 * consumed capacity (which dynalite sizes from the old item), goes to dynalite's own action. Used by
 * dynalite-direct.ts for the runtime's own requests (its test compares every answer and the stored
 * items with dynalite's).
 */
import {
  type Action,
  type DynaliteDb,
  hasIndexes,
  type Item,
  type ItemDb,
  type ShortcutStore,
  sizesCapacity,
  withTable,
} from './dynalite-shapes';

interface WriteData {
  TableName: string;
  Item?: Item;
  Key?: Item;
  /** dynalite's parsed ConditionExpression (its validations set it). */
  _condition?: unknown;
  Expected?: unknown;
  ReturnValues?: string;
  ReturnConsumedCapacity?: string;
}

type Write = (itemDb: ItemDb, key: string, data: WriteData, done: (err: Error | null) => void) => void;

/** Does anything of the request depend on the item stored before it? (Otherwise it is not read.) */
const needsOldItem = (data: WriteData) => data._condition != null || data.Expected != null || data.ReturnValues === 'ALL_OLD';

/**
 * One item written as dynalite writes it: `keyOf` is the item (PutItem) or the key (DeleteItem) the
 * request names, `write` the LevelDB write; `fallback` (dynalite's own action) takes the rest.
 */
function writeAtOnce(
  db: DynaliteDb,
  fallback: Action,
  keyOf: (data: WriteData) => Item | undefined,
  isItem: boolean,
  write: Write,
): Action {
  return (dynaliteStore, request, cb) => {
    const store = dynaliteStore as ShortcutStore;
    const data = request as WriteData;
    const named = keyOf(data);
    if (named === undefined || sizesCapacity(data)) return fallback(store, request, cb);
    withTable(store, data.TableName, (err, table) => {
      if (err) return cb(err);
      if (!table || hasIndexes(table)) return fallback(store, request, cb);
      const invalid = isItem ? db.validateItem(named, table) : db.validateKey(named, table);
      if (invalid != null) return cb(invalid);
      const itemDb = store.getItemDb(data.TableName);
      const key = db.createKey(named, table);
      itemDb.lock(key, (release) => {
        const done = release(cb);
        const decide = (existing: Item | undefined) => {
          const refused = db.checkConditional(data, existing);
          if (refused != null) return done(refused);
          const answer = existing && data.ReturnValues === 'ALL_OLD' ? { Attributes: existing } : {};
          write(itemDb, key, data, (writeErr) => (writeErr ? done(writeErr) : done(null, answer)));
        };
        if (!needsOldItem(data)) return decide(undefined);
        itemDb.get(key, (readErr, existing) => {
          if (readErr && readErr.name !== 'NotFoundError') return done(readErr);
          decide(existing);
        });
      });
    });
  };
}

/** dynalite's PutItem action, written at once where that gives the same answer and item (see above). */
export const putItemAtOnce = (db: DynaliteDb, fallback: Action): Action =>
  writeAtOnce(
    db,
    fallback,
    (data) => data.Item,
    true,
    (itemDb, key, data, done) => itemDb.put(key, data.Item!, done),
  );

/** dynalite's DeleteItem action, likewise. */
export const deleteItemAtOnce = (db: DynaliteDb, fallback: Action): Action =>
  writeAtOnce(
    db,
    fallback,
    (data) => data.Key,
    false,
    (itemDb, key, _data, done) => itemDb.del(key, done),
  );
