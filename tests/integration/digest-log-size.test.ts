/**
 * A digest's entry in the alert log names every matched article: a busy period would pass DynamoDB's
 * 400 KB item limit, which the stand-in (dynalite) enforces like DynamoDB. The entry must still be
 * written and listed by GET /alerts, with the articles left out counted.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Table } from '../../functions/adapters/table';
import { listAlerts } from '../../functions/app/alert-list';
import { logSent } from '../../functions/app/alert-log';
import { sentAlert } from '../../functions/core/alerts/sent-alert';
import { ensureTable } from '../../functions/local/dynamo/dynamo-standin';
import type { DynamoThread } from '../../functions/local/dynamo/dynamo-thread';
import { localDynamoClient, startQuietDynamoThread } from '../support/local-dynamo';

const TABLE = 'newswatch';
/** Past the ≈ 11,000 article ids (UUID-long) that fit in one item. */
const MATCHED_ARTICLES = 12_000;
const PUBLISHED_AT = new Date('2026-11-30T11:00:05.000Z');
/** Lambda refuses a response over 6 MB (API Gateway then answers 502): seventeen near-full entries (≈ 390 KB each) pass it. */
const LAMBDA_RESPONSE_BYTES = 6 * 1024 * 1024;
const BUSY_DIGESTS = 17;

const busyIds = (prefix: string) =>
  Array.from({ length: MATCHED_ARTICLES }, (_, i) => `${prefix}-${String(i).padStart(5, '0')}-0123456789abcdef0123`);

describe('the alert log entry of a digest of a busy period', () => {
  const dir = mkdtempSync(join(tmpdir(), 'newswatch-digest-log-'));
  let thread: DynamoThread;
  let raw: DynamoDBClient;
  let table: Table;

  beforeAll(async () => {
    thread = await startQuietDynamoThread(join(dir, 'dynamodb'), TABLE);
    raw = localDynamoClient(`http://${thread.host}:${thread.port}`);
    await ensureTable(raw, TABLE);
    table = { doc: DynamoDBDocumentClient.from(raw), name: TABLE };
  });
  afterAll(async () => {
    raw.destroy();
    await thread.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is written and listed with the latest article ids that fit and a count of the rest', async () => {
    const articleIds = busyIds('article');
    const metrics = new Metrics({ namespace: 'test' });
    const digest = sentAlert(
      {
        alertId: 'dg_busy',
        kind: 'digest',
        articleIds,
        people: ['brittney-griner'],
        topics: ['prisoner-exchange'],
        ingestedAt: '2026-11-30T10:59:00.000Z',
        messageId: 'm-1',
      },
      PUBLISHED_AT,
    );

    await logSent(table, metrics, digest);
    const { items } = await listAlerts(table, {}, PUBLISHED_AT);

    expect(metrics.hasStoredMetrics()).toBe(false);
    expect(items).toHaveLength(1);
    const [entry] = items;
    expect(entry).toMatchObject({ alertId: 'dg_busy', kind: 'digest', people: ['brittney-griner'], topics: ['prisoner-exchange'] });
    expect(entry!.articleIds.length).toBeGreaterThan(MATCHED_ARTICLES / 2);
    expect(entry!.articleIds.length + entry!.omittedArticles!).toBe(MATCHED_ARTICLES);
    expect(entry!.articleIds).toEqual(articleIds.slice(-entry!.articleIds.length));
  });

  it('is listed by GET /alerts in pages under the response limit, every entry reached through the cursor', async () => {
    const metrics = new Metrics({ namespace: 'test' });
    for (let d = 0; d < BUSY_DIGESTS; d++) {
      const fields = {
        alertId: `dg_page_${d}`,
        kind: 'digest' as const,
        articleIds: busyIds(`page${d}`),
        people: ['brittney-griner'],
        topics: [],
        ingestedAt: '2026-11-30T10:59:00.000Z',
        messageId: `m-${d}`,
      };
      await logSent(table, metrics, sentAlert(fields, new Date(PUBLISHED_AT.getTime() + (d + 1) * 1000)));
    }

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listAlerts(table, { limit: '100', ...(cursor && { cursor }) }, PUBLISHED_AT);
      expect(Buffer.byteLength(JSON.stringify({ items: page.items, nextCursor: page.nextCursor }))).toBeLessThan(LAMBDA_RESPONSE_BYTES);
      seen.push(...page.items.map((a) => a.alertId));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < BUSY_DIGESTS * 2);

    expect(pages).toBeGreaterThan(1);
    expect(seen.filter((id) => id.startsWith('dg_page_')).sort()).toEqual(
      Array.from({ length: BUSY_DIGESTS }, (_, d) => `dg_page_${d}`).sort(),
    );
    expect(new Set(seen).size).toBe(seen.length);
  });
});
