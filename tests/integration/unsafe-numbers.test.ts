/**
 * A number stored in the table that no JavaScript number holds exactly (more than 2^53 in magnitude:
 * DynamoDB keeps 38 digits) read back through the document clients the functions use, on AWS (the
 * SDK's own pipeline) and locally (the runtime's fast path), against dynalite. The SDK's unmarshall
 * throws on such a number with a fraction (and turns one without into a bigint), which made the whole
 * read fail: the watchlist read, and with it every ingest, answered 500. Read instead as a value no
 * schema accepts, it makes its record a damaged record like any other: left out and reported in a
 * list, read as unknown where the record may be missing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AttributeValue, type DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { articlesForIndexKeys } from '../../functions/adapters/article-repository';
import { onSkippedRecord } from '../../functions/adapters/skipped-records';
import { createDocumentClient, type Table, useLocalTableClients } from '../../functions/adapters/table';
import { loadWatchlist, readWatchlistRevision } from '../../functions/adapters/watchlist-repository';
import { ensureTable } from '../../functions/local/dynamo/dynamo-standin';
import type { DynamoThread } from '../../functions/local/dynamo/dynamo-thread';
import { connectTableClients, localTableClients } from '../../functions/local/dynamo/in-process-handler';
import { localDynamoClient, startQuietDynamoThread } from '../support/local-dynamo';

const TABLE = 'newswatch';
/** Past 2^53 with a fraction: the SDK's unmarshall refuses it ("can't be converted to BigInt"). */
const UNSAFE_FRACTION = '100000000000000000000.5';
/** Past 2^53 without one: the SDK's unmarshall gives a bigint, which no JSON answer can hold. */
const UNSAFE_INTEGER = '-100000000000000000000';

describe.each(['SDK pipeline', 'local fast path'])('an unsafe number read back through the %s', (path) => {
  const dir = mkdtempSync(join(tmpdir(), 'newswatch-unsafe-numbers-'));
  let thread: DynamoThread;
  let raw: DynamoDBClient;
  let doc: DynamoDBDocumentClient;
  let table: Table;
  let skipped: string[];
  const cleanups: Array<() => unknown> = [];

  beforeAll(async () => {
    process.env.AWS_REGION = 'us-east-1';
    thread = await startQuietDynamoThread(join(dir, 'dynamodb'), TABLE);
    const endpoint = `http://${thread.host}:${thread.port}`;
    raw = localDynamoClient(endpoint);
    await ensureTable(raw, TABLE);
    if (path === 'SDK pipeline') {
      cleanups.push(
        useLocalTableClients({
          config: { endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } },
        }),
      );
    } else {
      cleanups.push(
        useLocalTableClients(localTableClients),
        connectTableClients((target, body) => thread.request(target, body)),
      );
    }
    doc = createDocumentClient();
    table = { doc, name: TABLE };
    await loadWatchlist(table); // seeds the default watchlist
  });
  beforeEach(() => {
    skipped = [];
    onSkippedRecord((record, problems) => skipped.push(`${record}: ${problems}`));
  });
  afterAll(async () => {
    onSkippedRecord(() => undefined);
    for (const cleanup of cleanups.reverse()) cleanup();
    doc.destroy();
    raw.destroy();
    await thread.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const putRaw = (item: Record<string, AttributeValue>) => raw.send(new PutItemCommand({ TableName: TABLE, Item: item }));
  const topicItem = (threshold: string): Record<string, AttributeValue> => ({
    pk: { S: 'WATCHLIST' },
    sk: { S: 'TOPIC#ransom' },
    kind: { S: 'topic' },
    entry: {
      M: {
        id: { S: 'ransom' },
        threshold: { N: threshold },
        terms: { M: { PAY: { L: [{ S: 'ransom' }] } } },
        rules: { L: [{ M: { all: { L: [{ S: 'PAY' }] }, weight: { N: '1' } } }] },
      },
    },
  });

  it.each([UNSAFE_FRACTION, UNSAFE_INTEGER])('leaves out (and reports) a watchlist entry holding %s, and reads the rest', async (n) => {
    await putRaw(topicItem(n));

    const { watchlist } = await loadWatchlist(table);

    expect(watchlist.people.map((p) => p.id)).toContain('viktor-bout');
    expect(watchlist.topics.map((t) => t.id)).toEqual(['prisoner-exchange']);
    expect(skipped).toEqual([expect.stringMatching(/^watchlist entry TOPIC#ransom: /)]);
  });

  it('reads a watchlist entry beside which the item holds a number set with one (no schema reads it)', async () => {
    await putRaw({ ...topicItem('0.5'), noise: { NS: ['1', UNSAFE_FRACTION] } });

    const { watchlist } = await loadWatchlist(table);

    expect(watchlist.topics.map((t) => t.id)).toEqual(expect.arrayContaining(['prisoner-exchange', 'ransom']));
    expect(skipped).toEqual([]);
  });

  it('reads a change counter holding one as unknown, and resets it', async () => {
    await putRaw({ pk: { S: 'WATCHLIST' }, sk: { S: 'META' }, kind: { S: 'watchlist-meta' }, revision: { N: UNSAFE_FRACTION } });

    await expect(readWatchlistRevision(table)).resolves.toBeUndefined();

    expect(skipped).toEqual([expect.stringMatching(/the change counter was reset to \d+/)]);
    await expect(readWatchlistRevision(table)).resolves.toEqual(expect.any(Number));
  });

  it('leaves out (and reports) an article in a listing whose item holds one', async () => {
    const article = (id: string, expiresAt: string): Record<string, AttributeValue> => ({
      pk: { S: `ART#${id}` },
      sk: { S: 'A' },
      kind: { S: 'article' },
      id: { S: id },
      body: { S: 'Viktor Bout' },
      publishedAt: { S: '2026-01-01T00:00:00.000Z' },
      ingestedAt: { S: '2026-01-01T00:00:00.000Z' },
      matched: { BOOL: false },
      people: { L: [] },
      topics: { L: [] },
      tags: { M: { people: { L: [] }, topics: { L: [] } } },
      expiresAt: { N: expiresAt },
    });
    await putRaw(article('a1', '1798761600'));
    await putRaw(article('a2', UNSAFE_FRACTION));

    const listed = await articlesForIndexKeys(table, ['2026-01-01T00:00:00.000Z#a1', '2026-01-01T00:00:00.000Z#a2']);

    expect(listed.map((a) => a.id)).toEqual(['a1']);
    expect(skipped).toEqual([expect.stringMatching(/^article ART#a2: /)]);
  });
});
