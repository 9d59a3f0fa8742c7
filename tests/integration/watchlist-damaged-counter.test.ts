/**
 * The watchlist's change counter (the META item's `revision`) damaged by a hand edit or a foreign write,
 * against dynalite: reads go on (every ingest reads it), the counter is reset to a fresh number, a cache
 * loaded before the damage still learns of an edit, edits work, and a damaged META item never makes the
 * default watchlist come back.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, NumberValue, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { onSkippedRecord } from '../../functions/adapters/skipped-records';
import { storedNumberOptions } from '../../functions/adapters/stored-numbers';
import type { Table } from '../../functions/adapters/table';
import { createWatchlistCache } from '../../functions/adapters/watchlist-cache';
import {
  deleteWatchlistEntry,
  ensureWatchlistSeeded,
  loadWatchlist,
  putWatchlistEntry,
  readWatchlistRevision,
} from '../../functions/adapters/watchlist-repository';
import { ensureTable, startDynalite } from '../../functions/local/dynamo/dynamo-standin';
import { localDynamoClient } from '../support/local-dynamo';

const META = { pk: 'WATCHLIST', sk: 'META' };
/** Damaged counters of every kind a hand edit can leave: a string, a negative, a fraction, a null, a map. */
const DAMAGED: unknown[] = ['7', -1, 1.5, null, { n: 7 }];

describe('a damaged watchlist change counter', () => {
  let dataDir: string;
  let dynalite: Awaited<ReturnType<typeof startDynalite>>;
  let client: DynamoDBClient;
  let table: Table;
  let reported: string[];
  let tableNumber = 0;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'newswatch-damaged-counter-'));
    dynalite = await startDynalite(dataDir, 0);
    client = localDynamoClient(`http://${dynalite.host}:${dynalite.port}`);
  });

  // A fresh table per test: each starts from a seeded watchlist.
  beforeEach(async () => {
    const name = `damaged-counter-${++tableNumber}`;
    await ensureTable(client, name);
    // Configured as the functions' clients are (adapters/table.ts), numbers past ±2^53 included.
    const doc = DynamoDBDocumentClient.from(client, {
      marshallOptions: { removeUndefinedValues: true },
      unmarshallOptions: storedNumberOptions(),
    });
    table = { doc, name };
    await loadWatchlist(table);
    reported = [];
    onSkippedRecord((record, problems) => reported.push(`${record}: ${problems}`));
  });

  afterAll(async () => {
    onSkippedRecord(() => undefined);
    client?.destroy();
    await dynalite?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const damage = (revision: unknown) =>
    table.doc.send(
      new UpdateCommand({
        TableName: table.name,
        Key: META,
        UpdateExpression: 'SET revision = :r',
        ExpressionAttributeValues: { ':r': revision },
      }),
    );
  const storedRevision = async () => (await table.doc.send(new GetCommand({ TableName: table.name, Key: META }))).Item?.revision;

  it.each(DAMAGED)('reads the watchlist, resets the counter %j to a fresh number and reports it', async (revision) => {
    await damage(revision);

    const loaded = await loadWatchlist(table);

    expect(loaded.watchlist.people.map((p) => p.id)).toContain('viktor-bout');
    expect(loaded.revision).toBeUndefined();
    const reset = await storedRevision();
    expect(reset).toBeGreaterThan(Date.parse('2026-01-01T00:00:00Z'));
    expect(await readWatchlistRevision(table)).toBe(reset);
    expect(reported).toEqual([
      expect.stringMatching(/^watchlist META item WATCHLIST META: revision: .*; the change counter was reset to \d+/),
    ]);
  });

  it.each([
    ['without a fraction', 10n ** 20n],
    ['with a fraction', NumberValue.from('100000000000000000000.5')],
  ])('resets a counter too large for a JavaScript number, %s', async (_, revision) => {
    await damage(revision);

    await expect(readWatchlistRevision(table)).resolves.toBeUndefined();

    expect(await storedRevision()).toBeGreaterThan(Date.parse('2026-01-01T00:00:00Z'));
    expect(reported).toEqual([expect.stringMatching(/the change counter was reset to \d+/)]);
  });

  it('answers the change counter check with "unknown" rather than failing, and resets it', async () => {
    await damage('seven');

    await expect(readWatchlistRevision(table)).resolves.toBeUndefined();

    expect(await storedRevision()).toEqual(expect.any(Number));
    expect(await readWatchlistRevision(table)).toEqual(expect.any(Number));
  });

  it('lets a cache loaded before the damage see an edit made while the counter was damaged', async () => {
    let clock = 0;
    const cache = createWatchlistCache(table, 1_000, () => clock);
    expect((await cache.get()).watchlist.people.map((p) => p.id)).not.toContain('brittney-griner');
    await damage('7');
    // An edit while the counter is damaged: its entry lands; counting it (ADD on a string) cannot.
    await table.doc.send(
      new UpdateCommand({
        TableName: table.name,
        Key: { pk: 'WATCHLIST', sk: 'PERSON#brittney-griner' },
        UpdateExpression: 'SET kind = :k, entry = :e',
        ExpressionAttributeValues: { ':k': 'person', ':e': { id: 'brittney-griner', name: 'Brittney Griner' } },
      }),
    );

    clock += 2_500; // past twice the TTL: checked before use
    const seen = await cache.get();

    expect(seen.watchlist.people.map((p) => p.id)).toContain('brittney-griner');
  });

  it('reads the whole watchlist at each check, and never fails, while the counter cannot be reset', async () => {
    // A table whose reset is refused (say, a role without UpdateItem on it): every other call goes through.
    const send = (command: unknown) =>
      command instanceof UpdateCommand && command.input.UpdateExpression === 'SET revision = :fresh'
        ? Promise.reject(Object.assign(new Error('not allowed'), { name: 'AccessDeniedException' }))
        : table.doc.send(command as GetCommand);
    const refusing: Table = { name: table.name, doc: { send } as unknown as DynamoDBDocumentClient };
    let clock = 0;
    const cache = createWatchlistCache(refusing, 1_000, () => clock);
    await damage('7');
    await cache.get();
    await table.doc.send(new DeleteCommand({ TableName: table.name, Key: { pk: 'WATCHLIST', sk: 'PERSON#viktor-bout' } }));

    clock += 2_500;
    const seen = await cache.get();

    expect(seen.watchlist.people.map((p) => p.id)).not.toContain('viktor-bout');
    expect(await storedRevision()).toBe('7');
    expect(reported.at(-1)).toMatch(/the change counter was not reset \(AccessDeniedException\)/);
  });

  it('takes an edit with a damaged counter, counts it, and does not bring back a deleted default person', async () => {
    await ensureWatchlistSeeded(table);
    await deleteWatchlistEntry(table, 'person', 'viktor-bout');
    await damage({ n: 7 });

    await ensureWatchlistSeeded(table);
    await putWatchlistEntry(table, 'person', { id: 'brittney-griner', name: 'Brittney Griner' });

    const { watchlist } = await loadWatchlist(table);
    expect(watchlist.people.map((p) => p.id)).toContain('brittney-griner');
    expect(watchlist.people.map((p) => p.id)).not.toContain('viktor-bout');
    expect(await readWatchlistRevision(table)).toEqual(expect.any(Number));
  });
});
