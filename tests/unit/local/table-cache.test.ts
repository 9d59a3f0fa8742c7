/**
 * The stand-in's cache of table descriptions (functions/local/dynamo/table-cache.ts): read once, a copy
 * for every caller, forgotten on every write — also when a read was already under way, and not kept from
 * a read that overlapped a write (reads answered out of order) — and dynalite
 * with the cache still sees tables created, deleted and created again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DeleteTableCommand, DynamoDBClient, PutItemCommand, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { ensureTable, startDynalite, tableDefinition } from '../../../functions/local/dynamo/dynamo-standin';
import { cacheTableDescriptions, keptTable } from '../../../functions/local/dynamo/table-cache';

type Callback = (err: Error | null, value?: unknown) => void;

/** A table sublevel in memory that counts reads and can hold a read back until told. */
function fakeTableDb(status = 'ACTIVE') {
  const stored = new Map<string, unknown>([['t', { TableName: 't', TableStatus: status }]]);
  const held: Array<() => void> = [];
  const heldWrites: Array<{ apply: () => void; answer: () => void }> = [];
  const db = {
    reads: 0,
    holdReads: false,
    /** A write taken but not yet in the store, or in the store but not yet answered (LevelDB's two steps). */
    holdWrites: false,
    release: () => {
      for (const go of held.splice(0)) go();
    },
    applyWrites: () => {
      for (const write of heldWrites) write.apply();
    },
    answerWrites: () => {
      for (const write of heldWrites.splice(0)) write.answer();
    },
    get(key: string, callback: Callback) {
      db.reads++;
      const value = structuredClone(stored.get(key));
      const answer = () => setImmediate(callback, value ? null : new Error('NotFoundError'), value);
      if (db.holdReads) held.push(answer);
      else answer();
    },
    put(key: string, value: unknown, callback: (err: Error | null) => void) {
      const apply = () => stored.set(key, structuredClone(value));
      const answer = () => setImmediate(callback, null);
      if (db.holdWrites) heldWrites.push({ apply, answer });
      else {
        apply();
        answer();
      }
    },
    del(key: string, callback: (err: Error | null) => void) {
      stored.delete(key);
      setImmediate(callback, null);
    },
    batch(_operations: unknown[], callback: (err: Error | null) => void) {
      setImmediate(callback, null);
    },
  };
  return db;
}

const read = (db: { get(key: string, callback: Callback): void }, key: string) =>
  new Promise<unknown>((resolve, reject) => db.get(key, (err, value) => (err ? reject(err) : resolve(value))));
const write = (db: { put(key: string, value: unknown, callback: (err: Error | null) => void): void }, key: string, value: unknown) =>
  new Promise<void>((resolve) => db.put(key, value, () => resolve()));

describe('table description cache', () => {
  it('reads a description from the store once and gives every caller its own copy', async () => {
    const db = fakeTableDb();
    cacheTableDescriptions(db);

    const first = (await read(db, 't')) as { TableStatus: string };
    first.TableStatus = 'changed by a caller';
    const second = await read(db, 't');

    expect(db.reads).toBe(1);
    expect(second).toEqual({ TableName: 't', TableStatus: 'ACTIVE' });
  });

  it("hands the stand-in's own readers the kept description itself, frozen, and nothing once it was written", async () => {
    const db = fakeTableDb();
    cacheTableDescriptions(db);
    const store = { tableDb: db };
    expect(keptTable(store, 't')).toBeUndefined();
    await read(db, 't');

    const kept = keptTable<{ TableStatus: string }>(store, 't');
    expect(kept).toEqual({ TableName: 't', TableStatus: 'ACTIVE' });
    expect(keptTable(store, 't')).toBe(kept);
    expect(Object.isFrozen(kept)).toBe(true);
    expect(() => {
      kept!.TableStatus = 'changed by a reader';
    }).toThrow(TypeError);

    await write(db, 't', { TableName: 't', TableStatus: 'UPDATING' });
    expect(keptTable(store, 't')).toBeUndefined();
  });

  it.each(['CREATING', 'DELETING'])(
    "hands the stand-in's own readers no description of a %s table (dynalite's item operations refuse it as not found)",
    async (status) => {
      const db = fakeTableDb(status);
      cacheTableDescriptions(db);
      await read(db, 't');

      expect(keptTable({ tableDb: db }, 't')).toBeUndefined();
    },
  );

  it('reads the store again after the description was written', async () => {
    const db = fakeTableDb();
    cacheTableDescriptions(db);
    await read(db, 't');

    await write(db, 't', { TableName: 't', TableStatus: 'UPDATING' });

    expect(await read(db, 't')).toEqual({ TableName: 't', TableStatus: 'UPDATING' });
    expect(db.reads).toBe(2);
  });

  it('does not keep what a read found when a write happened while it was under way', async () => {
    const db = fakeTableDb();
    cacheTableDescriptions(db);
    db.holdReads = true;
    const stale = read(db, 't');
    await write(db, 't', { TableName: 't', TableStatus: 'DELETING' });
    db.release();
    await stale;
    db.holdReads = false;

    expect(await read(db, 't')).toEqual({ TableName: 't', TableStatus: 'DELETING' });
  });

  it('never hands out CREATING after a read found ACTIVE, when reads overlap the write that activates the table', async () => {
    const db = fakeTableDb('CREATING');
    cacheTableDescriptions(db);
    db.holdWrites = true;
    const activating = write(db, 't', { TableName: 't', TableStatus: 'ACTIVE' });
    // One read finds the description before the write reaches the store, and is answered late...
    db.holdReads = true;
    const early = read(db, 't');
    db.applyWrites();
    db.holdReads = false;
    // ...another finds it after, and is answered first: the caller has seen ACTIVE.
    expect(await read(db, 't')).toMatchObject({ TableStatus: 'ACTIVE' });
    db.release();
    await early;

    expect(await read(db, 't')).toMatchObject({ TableStatus: 'ACTIVE' });
    db.answerWrites();
    await activating;
  });

  it('lets dynalite see a table deleted and created again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'newswatch-table-cache-'));
    const dynalite = await startDynalite(dir, 0);
    const client = new DynamoDBClient({
      endpoint: `http://${dynalite.host}:${dynalite.port}`,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    const put = () => client.send(new PutItemCommand({ TableName: 'cached', Item: { pk: { S: 'p' }, sk: { S: 's' } } }));
    try {
      await ensureTable(client, 'cached');
      await put();

      await client.send(new DeleteTableCommand({ TableName: 'cached' }));
      await expect(put()).rejects.toThrow(/not found/i);
      await client.send(new CreateTableCommand(tableDefinition('cached')));
      // dynalite makes a new table ACTIVE on a timer (0 ms, but a loaded machine can run the put first);
      // a description cached from before the delete would keep the waiter from ever seeing it ACTIVE.
      await waitUntilTableExists({ client, maxWaitTime: 10, minDelay: 1, maxDelay: 1 }, { TableName: 'cached' });
      await put();
    } finally {
      client.destroy();
      await dynalite.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
