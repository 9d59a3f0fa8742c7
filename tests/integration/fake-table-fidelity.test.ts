/**
 * The handler tests run on an in-memory fake of the table (tests/unit/handlers/support/fake-table.ts) that
 * decides conditional writes and key conditions by reading the expressions. This test proves the fake
 * against dynalite, which evaluates them as DynamoDB does: the same repository calls must give the same
 * outcomes on both. When a repository's expressions change, this is the test that says the fake is stale.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STALE_CLAIM_MS, claimAlert, markPublished, releaseAlert } from '../../functions/adapters/alert-markers';
import {
  clearStoryOwed,
  getArticle,
  getArticleAndOwed,
  markStoryOwed,
  putArticleIfAbsent,
  queryTagShard,
  writeTagIndex,
} from '../../functions/adapters/article-repository';
import type { Table } from '../../functions/adapters/table';
import {
  deleteWatchlistEntry,
  loadWatchlist,
  putWatchlistEntry,
  readWatchlistRevision,
} from '../../functions/adapters/watchlist-repository';
import { keys } from '../../functions/adapters/table-keys';
import type { StoredArticle } from '../../functions/core/stored-article';
import { ensureTable, startDynalite } from '../../functions/local/dynamo/dynamo-standin';
import { fakeTable } from '../unit/handlers/support/fake-table';

const TABLE = 'fidelity';
const T0 = Date.parse('2026-01-01T00:00:00Z');

function article(id: string, publishedAt: string): StoredArticle {
  return {
    id,
    body: `Viktor Bout (${id})`,
    publishedAt,
    ingestedAt: publishedAt,
    matched: true,
    people: ['viktor-bout'],
    topics: [],
    personNames: { 'viktor-bout': 'Viktor Bout' },
    tags: { people: [{ id: 'viktor-bout', mentions: [{ field: 'body', start: 0, end: 11, text: 'Viktor Bout' }] }], topics: [] },
  };
}

const outcome = (p: Promise<unknown>) =>
  p.then(
    (value) => (value === undefined ? 'ok' : value),
    (error: Error) => `refused: ${error.name}`,
  );

/** Every conditional write and key condition the repositories use, in an order that exercises each branch. */
async function scenario(table: Table): Promise<unknown[]> {
  const days = ['2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04'].map((d) => `${d}T10:00:00.000Z`);
  const articles = days.map((day, n) => article(`a${n}`, day));
  const results: unknown[] = [];
  const step = async (p: Promise<unknown>) => results.push(await outcome(p));

  await step(putArticleIfAbsent(table, articles[0]!));
  await step(putArticleIfAbsent(table, articles[0]!));
  await step(getArticle(table, 'a0').then((a) => a?.id));
  await step(claimAlert(table, 'a0', 't1', T0));
  await step(claimAlert(table, 'a0', 't2', T0 + 1_000));
  await step(releaseAlert(table, 'a0', 't2'));
  await step(claimAlert(table, 'a0', 't3', T0 + 2_000));
  await step(claimAlert(table, 'a0', 't4', T0 + STALE_CLAIM_MS + 1));
  await step(markPublished(table, 'a0', 't1', 'm1'));
  await step(markPublished(table, 'a0', 't4', 'm4'));
  await step(releaseAlert(table, 'a0', 't4'));
  await step(claimAlert(table, 'a0', 't5', T0 + 3 * STALE_CLAIM_MS));

  for (const a of articles) await writeTagIndex(table, a);
  const partition = keys.tagIndex('person', 'viktor-bout', 'a0', days[0]!).pk;
  const partitions = [...new Set(articles.map((a) => keys.tagIndex('person', 'viktor-bout', a.id, a.publishedAt).pk))];
  const shard = (range: { since?: string; before?: string }) =>
    Promise.all(partitions.map((pk) => queryTagShard(table, pk, { ...range, limit: 10 }))).then((pages) =>
      pages.flatMap((p) => p.sortKeys).sort(),
    );
  await step(shard({}));
  await step(shard({ since: days[1] }));
  await step(shard({ before: days[2] }));
  await step(shard({ since: days[0], before: days[3] }));
  await step(queryTagShard(table, partition, { limit: 1 }).then((p) => p.sortKeys.length));

  const griner = { id: 'brittney-griner', name: 'Brittney Griner' };
  await step(readWatchlistRevision(table));
  await step(putWatchlistEntry(table, 'person', griner));
  await step(loadWatchlist(table, { people: [], topics: [] }).then((w) => [w.revision, w.watchlist.people.map((p) => p.id)]));
  await step(putWatchlistEntry(table, 'person', griner));
  await step(deleteWatchlistEntry(table, 'person', griner.id));
  await step(deleteWatchlistEntry(table, 'person', griner.id));
  await step(readWatchlistRevision(table));

  // A story write that failed after the article was stored: the mark on the article, and its removal.
  const owed = () => getArticleAndOwed(table, 'a0').then((found) => found?.storyOwed ?? 'none');
  await step(markStoryOwed(table, 'absent', 'w1'));
  await step(markStoryOwed(table, 'a0', 'w1'));
  await step(owed());
  // Kept out of the article as every reader sees it.
  await step(getArticle(table, 'a0').then((a) => Object.keys(a!).includes('storyOwed')));
  await step(clearStoryOwed(table, 'a0'));
  await step(owed());
  // Cleared on an article gone meanwhile (expired): nothing is created in its place.
  await step(clearStoryOwed(table, 'absent'));
  await step(getArticleAndOwed(table, 'absent').then((found) => found ?? 'absent'));
  return results;
}

describe('the fake table used by the handler tests', () => {
  let dataDir: string;
  let dynalite: Awaited<ReturnType<typeof startDynalite>>;
  let real: unknown[];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'newswatch-fidelity-'));
    dynalite = await startDynalite(dataDir, 0);
    const client = new DynamoDBClient({
      endpoint: `http://${dynalite.host}:${dynalite.port}`,
      region: 'us-east-1',
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    });
    await ensureTable(client, TABLE);
    const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
    real = await scenario({ doc, name: TABLE });
    client.destroy();
  });

  afterAll(async () => {
    await dynalite?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs a scenario whose outcomes on dynalite cover every branch', () => {
    expect(real.slice(0, 12)).toEqual([
      true,
      false,
      'a0',
      { outcome: 'claimed', token: 't1' },
      { outcome: 'busy' },
      'ok',
      { outcome: 'busy' },
      { outcome: 'claimed', token: 't4' },
      'refused: ConditionalCheckFailedException',
      'ok',
      'ok',
      { outcome: 'published' },
    ]);
    const [all, since, before, between, firstPage] = real.slice(12) as [string[], string[], string[], string[], number];
    expect(all.map((sk) => sk.slice(-2))).toEqual(['a0', 'a1', 'a2', 'a3']);
    expect(since.map((sk) => sk.slice(-2))).toEqual(['a1', 'a2', 'a3']);
    expect(before.map((sk) => sk.slice(-2))).toEqual(['a0', 'a1']);
    expect(between.map((sk) => sk.slice(-2))).toEqual(['a0', 'a1', 'a2']);
    expect(firstPage).toBe(1);
    // The watchlist's change counter: absent ('ok', no value) before seeding, then moved by each edit that changed something.
    expect(real.slice(17, 24)).toEqual(['ok', true, [0, ['brittney-griner']], false, true, false, 2]);
    expect(real.slice(24)).toEqual(['refused: ConditionalCheckFailedException', 'ok', 'w1', false, 'ok', 'none', 'ok', 'absent']);
  });

  it('gives the same outcome as dynalite for every conditional write and key condition', async () => {
    const fake = fakeTable();
    try {
      const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
      expect(await scenario({ doc, name: TABLE })).toEqual(real);
    } finally {
      fake.ddb.restore();
    }
  });
});
