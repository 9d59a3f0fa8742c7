/**
 * A PutItem or DeleteItem written at once (functions/local/dynamo/item-writes.ts) reads the stored item
 * only when the request needs it (a condition, ReturnValues ALL_OLD), tests the condition under the
 * item's lock, and answers — and releases the lock — only after LevelDB has the write. The answers and
 * stored items themselves are compared with dynalite's in tests/integration/dynalite-direct.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { Item } from '../../../functions/local/dynamo/dynalite-shapes';
import { deleteItemAtOnce, putItemAtOnce } from '../../../functions/local/dynamo/item-writes';
import { fakeDynaliteDb } from '../../support/fake-dynalite-db';

const REFUSED = new Error('The conditional request failed');
// A stand-in for dynalite's conditions: any condition refuses a write over an item that is there.
const db = fakeDynaliteDb((data, existing) => ((data as { _condition?: unknown })._condition && existing ? REFUSED : undefined));

function fakeStore(stored: Record<string, Item> = {}, table: object = { TableStatus: 'ACTIVE' }) {
  const events: string[] = [];
  let finishWrite: (() => void) | undefined;
  const itemDb = {
    lock(key: string, exec: (release: (done: (...args: unknown[]) => void) => (...args: unknown[]) => void) => void) {
      events.push(`lock ${key}`);
      exec((done) => (...args) => {
        events.push('release');
        done(...args);
      });
    },
    get(key: string, callback: (err: Error | null, value?: Item) => void) {
      events.push(`read ${key}`);
      callback(null, stored[key]);
    },
    put(key: string, _value: Item, callback: (err: Error | null) => void) {
      events.push(`put ${key}`);
      finishWrite = () => callback(null);
    },
    del(key: string, callback: (err: Error | null) => void) {
      events.push(`del ${key}`);
      finishWrite = () => callback(null);
    },
  };
  const store = { getTable: (_name: string, cb: (err: null, table: object) => void) => cb(null, table), getItemDb: () => itemDb };
  return { store, events, finishWrite: () => finishWrite?.() };
}

const fallback = (events: string[]) => () => events.push('fallback');
const item = { pk: { S: 'a' }, n: { N: '1' } };

describe('an item written at once', () => {
  it('answers a put, and releases its lock, only after the write landed', () => {
    const { store, events, finishWrite } = fakeStore();
    const answers: unknown[] = [];
    putItemAtOnce(db, fallback(events))(store, { TableName: 't', Item: item }, (err, data) => answers.push(err ?? data));

    expect(events).toEqual(['lock a', 'put a']);
    expect(answers).toEqual([]);
    finishWrite();
    expect(events).toEqual(['lock a', 'put a', 'release']);
    expect(answers).toEqual([{}]);
  });

  it('reads the stored item first only for a condition or ReturnValues ALL_OLD, and answers it for ALL_OLD', () => {
    const { store, events, finishWrite } = fakeStore({ a: item });
    const answers: unknown[] = [];
    const put = putItemAtOnce(db, fallback(events));
    const remove = deleteItemAtOnce(db, fallback(events));
    const answer = (err: unknown, data?: unknown) => answers.push(err ?? data);

    put(store, { TableName: 't', Item: item, ReturnValues: 'ALL_OLD' }, answer);
    finishWrite();
    remove(store, { TableName: 't', Key: { pk: { S: 'a' } } }, answer);
    finishWrite();
    put(store, { TableName: 't', Item: item, _condition: { expression: 'attribute_not_exists(pk)' } }, answer);

    expect(events).toEqual(['lock a', 'read a', 'put a', 'release', 'lock a', 'del a', 'release', 'lock a', 'read a', 'release']);
    expect(answers).toEqual([{ Attributes: item }, {}, REFUSED]);
  });

  it("leaves to dynalite's own action a request asking for consumed capacity, or a table with indexes", () => {
    const { store, events } = fakeStore();
    putItemAtOnce(db, fallback(events))(store, { TableName: 't', Item: item, ReturnConsumedCapacity: 'TOTAL' }, () => undefined);
    const indexed = fakeStore({}, { TableStatus: 'ACTIVE', LocalSecondaryIndexes: [{}] });
    deleteItemAtOnce(db, fallback(indexed.events))(indexed.store, { TableName: 't', Key: { pk: { S: 'a' } } }, () => undefined);
    expect([...events, ...indexed.events]).toEqual(['fallback', 'fallback']);
  });
});
