/**
 * The stand-in's per-turn write batches (functions/local/dynamo/write-batches.ts): the puts and deletes
 * of one turn reach the store as one batch, in the order they were issued; each caller hears back only
 * once the batch is written, with its error if it failed; promise writes and a store that is not open
 * keep dynalite's own path.
 */
import { describe, expect, it } from 'vitest';
import { batchWrites } from '../../../functions/local/dynamo/write-batches';

type Done = (err: Error | null) => void;
type Write = { type: 'put'; key: string; value?: unknown } | { type: 'del'; key: string };

function fakeLevel(status = 'open') {
  const db = {
    status,
    failBatches: false,
    batches: [] as Write[][],
    alone: [] as string[],
    put(key: string, _value: unknown, done?: Done): unknown {
      db.alone.push(`put ${key}`);
      if (!done) return Promise.resolve();
      setImmediate(done, null);
      return undefined;
    },
    del(key: string, done?: Done): unknown {
      db.alone.push(`del ${key}`);
      setImmediate(() => done?.(null));
      return undefined;
    },
    batch(operations: Write[], done?: Done): unknown {
      db.batches.push(operations);
      setImmediate(() => done?.(db.failBatches ? new Error('LEVEL_IO_ERROR') : null));
      return undefined;
    },
  };
  return db;
}

const put = (db: { put(key: string, value: unknown, done?: Done): unknown }, key: string) =>
  new Promise<void>((resolve, reject) => db.put(key, { key }, (err) => (err ? reject(err) : resolve())));
const del = (db: { del(key: string, done?: Done): unknown }, key: string) =>
  new Promise<void>((resolve, reject) => db.del(key, (err) => (err ? reject(err) : resolve())));

describe('per-turn write batches', () => {
  it("writes one turn's puts and deletes as one batch, in order, and answers each after it", async () => {
    const db = fakeLevel();
    batchWrites(db);

    const answered: string[] = [];
    const writes = [put(db, 'a'), del(db, 'b'), put(db, 'c')].map((w, i) => w.then(() => answered.push(String(i))));
    expect(db.batches).toEqual([]);
    await Promise.all(writes);
    await put(db, 'd');

    expect(db.batches).toEqual([
      [
        { type: 'put', key: 'a', value: { key: 'a' } },
        { type: 'del', key: 'b' },
        { type: 'put', key: 'c', value: { key: 'c' } },
      ],
      [{ type: 'put', key: 'd', value: { key: 'd' } }],
    ]);
    expect(answered).toEqual(['0', '1', '2']);
    expect(db.alone).toEqual([]);
  });

  it("gives every write of a failed batch the batch's error", async () => {
    const db = fakeLevel();
    batchWrites(db);
    db.failBatches = true;

    const outcomes = await Promise.allSettled([put(db, 'a'), del(db, 'b')]);

    expect(outcomes.map((o) => (o.status === 'rejected' ? (o.reason as Error).message : 'ok'))).toEqual([
      'LEVEL_IO_ERROR',
      'LEVEL_IO_ERROR',
    ]);
  });

  it('leaves promise writes and a store that is not open to the original path', async () => {
    const open = fakeLevel();
    batchWrites(open);
    await open.put('a', {});
    const closing = fakeLevel('closing');
    batchWrites(closing);
    await put(closing, 'b');
    await del(closing, 'c');

    expect([open.alone, closing.alone, open.batches, closing.batches]).toEqual([['put a'], ['put b', 'del c'], [], []]);
  });
});
