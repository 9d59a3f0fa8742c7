/**
 * The stand-in's writes by turn (functions/local/dynamo/turn-writes.ts): the puts, deletes and batches
 * with a callback that one turn makes go to LevelDB as one batch at the end of the turn, in the order
 * made, and each writer hears the batch's result; promise writes and a store that is not open keep
 * dynalite's own path. Against dynalite's real store: one LevelDB batch per turn, the items land and read
 * back, a write made just before a graceful close is stored, and a refused value fails only its writer.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
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
  installTurnWrites();
  const createStore = (dir: string) => createRequire(import.meta.url)('dynalite/db').create({ path: dir });
  type Store = ReturnType<typeof createStore>;
  const dbOf = (store: Store) =>
    store.db as {
      put(k: string, v: unknown, cb: Callback): void;
      del(k: string, cb: Callback): void;
      get(k: string, cb: (err: Error | null, v?: unknown) => void): void;
    };
  const read = (store: Store, key: string) =>
    new Promise<unknown>((resolve) => dbOf(store).get(key, (err, value) => resolve(err ? `error ${err.message}` : value)));
  const close = (store: Store) => store.lifecycleManager.gracefulClose() as Promise<void>;
  /** A store that is open (one still opening takes dynalite's own path). */
  const openStore = async (dir: string) => {
    const store = createStore(dir);
    await read(store, 'item~none');
    expect(store.db.status).toBe('open');
    return store;
  };
  const folders: string[] = [];
  const folder = () => {
    const dir = mkdtempSync(join(tmpdir(), 'newswatch-turn-writes-'));
    folders.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of folders) rmSync(dir, { recursive: true, force: true });
  });

  it("writes one turn's puts and deletes as one LevelDB batch, and stores each value as written", async () => {
    const store = await openStore(folder());
    const level = Object.getPrototypeOf(store.db);
    try {
      await written((cb) => dbOf(store).put('item~gone', { pk: { S: 'gone' } }, cb));
      const batches = vi.spyOn(level, '_batch');
      const puts = vi.spyOn(level, '_put');
      const deletes = vi.spyOn(level, '_del');
      const results = await Promise.all([
        written((cb) => dbOf(store).put('item~a', { pk: { S: 'a' }, n: { N: '1' } }, cb)),
        written((cb) => dbOf(store).put('item~b', { pk: { S: 'b' } }, cb)),
        written((cb) => dbOf(store).del('item~gone', cb)),
      ]);
      expect(results.map((r) => r.err)).toEqual([null, null, null]);
      expect([batches.mock.calls.length, puts.mock.calls.length, deletes.mock.calls.length]).toEqual([1, 0, 0]);
      expect(await read(store, 'item~a')).toEqual({ pk: { S: 'a' }, n: { N: '1' } });
      expect(await read(store, 'item~b')).toEqual({ pk: { S: 'b' } });
      expect(await read(store, 'item~gone')).toBeUndefined();
    } finally {
      vi.restoreAllMocks();
      await close(store);
    }
  });

  it('stores a write made in the same turn as a graceful close before the store closes', async () => {
    const dir = folder();
    const store = await openStore(dir);
    const put = written((cb) => dbOf(store).put('item~last', { pk: { S: 'last' } }, cb));
    await close(store);
    expect((await put).err).toBeNull();

    const reopened = createStore(dir);
    try {
      expect(await read(reopened, 'item~last')).toEqual({ pk: { S: 'last' } });
    } finally {
      await close(reopened);
    }
  });

  it('fails only the writer whose value LevelDB refuses, and stores the rest of its turn', async () => {
    const store = await openStore(folder());
    try {
      const [good, bad] = await Promise.all([
        written((cb) => dbOf(store).put('item~good', { pk: { S: 'good' } }, cb)),
        written((cb) => dbOf(store).put('item~bad', undefined, cb)),
      ]);
      expect(good.err).toBeNull();
      expect(bad.err).not.toBeNull();
      expect(await read(store, 'item~good')).toEqual({ pk: { S: 'good' } });
    } finally {
      await close(store);
    }
  });
});
