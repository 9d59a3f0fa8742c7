/**
 * The stand-in's writes by turn (functions/local/dynamo/turn-writes.ts): the puts, deletes and batches
 * with a callback that one turn makes go to LevelDB as one batch at the end of the turn, in the order
 * made, and each writer hears the batch's result; promise writes and a store that is not open keep
 * dynalite's own path; against dynalite's real store the items land and read back.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { installTurnWrites, writeByTurn } from '../../../functions/local/dynamo/turn-writes';

type Callback = (err: Error | null) => void;
type Operation = { type: 'put'; key: string; value: unknown } | { type: 'del'; key: string };

function fakeLevel(status = 'open', failWith?: Error) {
  const db = {
    status,
    batches: [] as Operation[][],
    single: [] as string[],
    put(key: string, _value: unknown, callback?: Callback): unknown {
      db.single.push(`put ${key}`);
      if (!callback) return Promise.resolve();
      setImmediate(callback, null);
      return undefined;
    },
    del(key: string, callback?: Callback): unknown {
      db.single.push(`del ${key}`);
      if (!callback) return Promise.resolve();
      setImmediate(callback, null);
      return undefined;
    },
    batch(operations: Operation[], callback?: Callback): unknown {
      db.batches.push(operations);
      if (!callback) return Promise.resolve();
      setImmediate(callback, failWith ?? null);
      return undefined;
    },
  };
  return db;
}

/** Calls `write` with a callback; resolves with the error it got (null when none) and whether it came during the call. */
function written(write: (callback: Callback) => void): Promise<{ err: Error | null; inCall: boolean }> {
  return new Promise((resolve) => {
    let inCall = true;
    write((err) => resolve({ err, inCall }));
    inCall = false;
  });
}

describe('writes gathered by turn', () => {
  it('writes the puts, deletes and batches of one turn as one batch, in their order, and calls each writer back after it', async () => {
    const db = fakeLevel();
    writeByTurn(db);

    const results = await Promise.all([
      written((cb) => db.put('item~a', { pk: { S: 'a' } }, cb)),
      written((cb) => db.del('item~b', cb)),
      written((cb) =>
        db.batch(
          [
            { type: 'put', key: 'item~c', value: { pk: { S: 'c' } } },
            { type: 'del', key: 'item~d' },
          ],
          cb,
        ),
      ),
    ]);

    expect(results).toEqual([
      { err: null, inCall: false },
      { err: null, inCall: false },
      { err: null, inCall: false },
    ]);
    expect(db.single).toEqual([]);
    expect(db.batches).toEqual([
      [
        { type: 'put', key: 'item~a', value: { pk: { S: 'a' } } },
        { type: 'del', key: 'item~b' },
        { type: 'put', key: 'item~c', value: { pk: { S: 'c' } } },
        { type: 'del', key: 'item~d' },
      ],
    ]);
  });

  it('writes what a later turn makes in a batch of its own', async () => {
    const db = fakeLevel();
    writeByTurn(db);

    await written((cb) => db.put('item~a', 1, cb));
    await written((cb) => db.put('item~b', 2, cb));

    expect(db.batches.map((b) => b.map((o) => o.key))).toEqual([['item~a'], ['item~b']]);
  });

  it("gives a failed batch's error to every writer of its turn", async () => {
    const db = fakeLevel('open', new Error('LEVEL_IO_ERROR'));
    writeByTurn(db);

    const results = await Promise.all([written((cb) => db.put('item~a', 1, cb)), written((cb) => db.del('item~b', cb))]);

    expect(results.map((r) => r.err?.message)).toEqual(['LEVEL_IO_ERROR', 'LEVEL_IO_ERROR']);
  });

  it('leaves promise writes and a store that is not open to the original path', async () => {
    const open = fakeLevel();
    writeByTurn(open);
    await open.put('item~a', 1);
    await open.batch([{ type: 'del', key: 'item~b' }]);
    expect(open.single).toEqual(['put item~a']);
    expect(open.batches).toEqual([[{ type: 'del', key: 'item~b' }]]);

    const closing = fakeLevel('closing');
    writeByTurn(closing);
    await written((cb) => closing.del('item~c', cb));
    expect(closing.single).toEqual(['del item~c']);
    expect(closing.batches).toEqual([]);
  });
});

describe("writes by turn on dynalite's own store", () => {
  it('stores what one turn wrote, each value as written, and the deletes', async () => {
    installTurnWrites();
    const dir = mkdtempSync(join(tmpdir(), 'newswatch-turn-writes-'));
    const store = createRequire(import.meta.url)('dynalite/db').create({ path: dir });
    const db = store.db as {
      put(k: string, v: unknown, cb: Callback): void;
      del(k: string, cb: Callback): void;
      get(k: string, cb: (err: Error | null, v?: unknown) => void): void;
      close(): Promise<void>;
    };
    const read = (key: string) =>
      new Promise<unknown>((resolve) => db.get(key, (err, value) => resolve(err ? err.name || err.message : value)));
    try {
      await written((cb) => db.put('item~gone', { pk: { S: 'gone' } }, cb));
      const results = await Promise.all([
        written((cb) => db.put('item~a', { pk: { S: 'a' }, n: { N: '1' } }, cb)),
        written((cb) => db.put('item~b', { pk: { S: 'b' } }, cb)),
        written((cb) => db.del('item~gone', cb)),
      ]);
      expect(results.map((r) => r.err)).toEqual([null, null, null]);
      expect(await read('item~a')).toEqual({ pk: { S: 'a' }, n: { N: '1' } });
      expect(await read('item~b')).toEqual({ pk: { S: 'b' } });
      expect(await read('item~gone')).not.toEqual({ pk: { S: 'gone' } });
    } finally {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
