/**
 * The stand-in's synchronous item reads (functions/local/dynamo/sync-reads.ts): a read with a callback
 * is answered from `getSync`, always in a later turn (dynalite never sees its callback run inside its
 * own call), with the lookup's error if it fails; promise reads and a store that is not open keep
 * dynalite's own path.
 */
import { describe, expect, it } from 'vitest';
import { readSynchronously } from '../../../functions/local/dynamo/sync-reads';

type Callback = (err: Error | null, value?: unknown) => void;

function fakeLevel(status = 'open') {
  const stored = new Map<string, unknown>([['item~a', { pk: { S: 'a' } }]]);
  const db = {
    status,
    asyncReads: 0,
    syncReads: 0,
    get(key: string, callback?: Callback): unknown {
      db.asyncReads++;
      if (!callback) return Promise.resolve(stored.get(key));
      setImmediate(callback, null, stored.get(key));
      return undefined;
    },
    getSync(key: string): unknown {
      db.syncReads++;
      if (key === 'broken') throw new Error('LEVEL_DECODE_ERROR');
      return stored.get(key);
    },
  };
  return db;
}

const read = (db: { get(key: string, callback?: Callback): unknown }, key: string) =>
  new Promise<{ value: unknown; inCall: boolean }>((resolve, reject) => {
    let inCall = true;
    db.get(key, (err, value) => (err ? reject(err) : resolve({ value, inCall })));
    inCall = false;
  });

describe('synchronous item reads', () => {
  it('answers a read from getSync, after the call returned', async () => {
    const db = fakeLevel();
    readSynchronously(db);

    expect(await read(db, 'item~a')).toEqual({ value: { pk: { S: 'a' } }, inCall: false });
    expect(await read(db, 'item~missing')).toEqual({ value: undefined, inCall: false });
    expect([db.syncReads, db.asyncReads]).toEqual([2, 0]);
  });

  it('gives a failed lookup to the callback', async () => {
    const db = fakeLevel();
    readSynchronously(db);

    await expect(read(db, 'broken')).rejects.toThrow('LEVEL_DECODE_ERROR');
  });

  it('leaves promise reads and a store that is not open to the original path', async () => {
    const open = fakeLevel();
    readSynchronously(open);
    await open.get('item~a');
    const closing = fakeLevel('closing');
    readSynchronously(closing);
    await read(closing, 'item~a');

    expect([open.syncReads, open.asyncReads, closing.syncReads, closing.asyncReads]).toEqual([0, 1, 0, 1]);
  });
});
