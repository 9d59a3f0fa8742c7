/**
 * A batch written at once (functions/local/dynamo/batch-writes.ts) holds the locks of all its items
 * from before its write until after it: a conditional put of one of them, which takes that item's
 * lock, waits for the batch's items instead of testing its condition against what was there before.
 * The answers and stored items themselves are compared with dynalite's in
 * tests/integration/dynalite-direct.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { batchWriteAtOnce } from '../../../functions/local/dynamo/batch-writes';
import { fakeDynaliteDb } from '../../support/fake-dynalite-db';

const db = fakeDynaliteDb();

function fakeStore() {
  const events: string[] = [];
  let grant: (() => void) | undefined;
  let finishWrite: (() => void) | undefined;
  const itemDb = {
    lock(keys: string[], exec: (release: (done: (...args: unknown[]) => void) => (...args: unknown[]) => void) => void) {
      events.push(`lock ${keys.join(',')}`);
      grant = () =>
        exec((done) => (...args) => {
          events.push('release');
          done(...args);
        });
    },
    batch(operations: Array<{ type: string; key: string }>, callback: (err: Error | null) => void) {
      events.push(`write ${operations.map((o) => `${o.type} ${o.key}`).join(',')}`);
      finishWrite = () => callback(null);
    },
  };
  const store = { getTable: (_name: string, cb: (err: null, table: object) => void) => cb(null, {}), getItemDb: () => itemDb };
  return { store, events, grant: () => grant?.(), finishWrite: () => finishWrite?.() };
}

describe('a batch written at once', () => {
  it('writes only once it holds every item lock, and releases them only after the write landed', () => {
    const { store, events, grant, finishWrite } = fakeStore();
    const answers: unknown[] = [];
    const action = batchWriteAtOnce(db, () => events.push('fallback'));
    const request = { RequestItems: { t: [{ PutRequest: { Item: { pk: { S: 'a' } } } }, { DeleteRequest: { Key: { pk: { S: 'b' } } } }] } };
    action(store, request, (err, data) => answers.push(err ?? data));

    expect(events).toEqual(['lock a,b']);
    grant();
    expect(events).toEqual(['lock a,b', 'write put a,del b']);
    expect(answers).toEqual([]);
    finishWrite();
    expect(events).toEqual(['lock a,b', 'write put a,del b', 'release']);
    expect(answers).toEqual([{ UnprocessedItems: {} }]);
  });

  it("leaves to dynalite's own action a batch over several tables, one asking for consumed capacity, or a table with indexes", () => {
    const { store, events } = fakeStore();
    const action = batchWriteAtOnce(db, () => events.push('fallback'));
    const put = [{ PutRequest: { Item: { pk: { S: 'a' } } } }];
    action(store, { RequestItems: { t: put, u: put } }, () => undefined);
    action(store, { RequestItems: { t: put }, ReturnConsumedCapacity: 'TOTAL' }, () => undefined);
    const indexed = {
      ...store,
      getTable: (_name: string, cb: (err: null, table: object) => void) => cb(null, { GlobalSecondaryIndexes: [{}] }),
    };
    action(indexed, { RequestItems: { t: put } }, () => undefined);
    expect(events).toEqual(['fallback', 'fallback', 'fallback']);
  });
});
