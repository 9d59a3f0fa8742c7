/**
 * A story write whose reply is lost, through the real SDK against dynalite: the put lands, the
 * connection drops before the answer, the SDK retries on its own, dynalite refuses the retry (the
 * version moved), and the article must still be counted into its story once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getStory } from '../../functions/adapters/story-repository';
import type { Table } from '../../functions/adapters/table';
import { createWatchlistCache } from '../../functions/adapters/watchlist-cache';
import { ingestArticle, type IngestDeps } from '../../functions/app/ingest-articles';
import { createTaggerSource } from '../../functions/app/tagging';
import { metrics } from '../../functions/handlers/observability';
import { ensureTable, startDynalite } from '../../functions/local/dynamo/dynamo-standin';
import { copy } from '../unit/handlers/support/story-articles';
import { localDynamoClient } from '../support/local-dynamo';
import { loadTaggerEngine } from '../../functions/handlers/ingest-wiring';

const TABLE = 'lost-reply';
type Handler = DynamoDBClient['config']['requestHandler'];

describe('a story write whose reply is lost, with the SDK retrying it', () => {
  let dataDir: string;
  let dynalite: Awaited<ReturnType<typeof startDynalite>>;
  let client: DynamoDBClient;
  let deps: IngestDeps;
  let table: Table;
  /** Story puts sent; the next one whose reply is dropped after it landed. */
  const storyPuts: string[] = [];
  let dropNextStoryReply = false;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'newswatch-lost-reply-'));
    dynalite = await startDynalite(dataDir, 0);
    client = localDynamoClient(`http://${dynalite.host}:${dynalite.port}`);
    await ensureTable(client, TABLE);
    const inner = client.config.requestHandler as Handler & { handle: (...args: any[]) => Promise<any> };
    client.config.requestHandler = Object.assign(Object.create(inner), {
      async handle(request: { headers: Record<string, string>; body?: unknown }, options?: unknown) {
        const bytes = request.body as Uint8Array | string;
        // The bytes as they are (Buffer.from(bytes) would call the SDK body's string-making valueOf).
        const body = typeof bytes === 'string' ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
        const isStoryPut = request.headers['x-amz-target']?.endsWith('.PutItem') && /"sk":\{"S":"S"\}/.test(body);
        if (isStoryPut) storyPuts.push(body);
        const response = await inner.handle(request, options);
        if (isStoryPut && dropNextStoryReply) {
          dropNextStoryReply = false;
          // Landed, but the answer never arrives: to the SDK, a reset connection (a transient error it retries).
          throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
        }
        return response;
      },
    });
    table = { doc: DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }), name: TABLE };
    deps = { table, currentTagger: createTaggerSource(createWatchlistCache(table, 0), loadTaggerEngine), retentionDays: 0, metrics };
  });

  afterAll(async () => {
    client?.destroy();
    await dynalite?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('counts the article into its story once', async () => {
    const { storyId } = await ingestArticle(deps, copy(1));
    const before = storyPuts.length;
    dropNextStoryReply = true;

    const second = await ingestArticle(deps, copy(2));

    // The SDK sent the put twice: the first landed, the retry was refused.
    expect(storyPuts.length - before).toBe(2);
    expect(second).toMatchObject({ duplicate: false, storyId });
    expect(await getStory(table, storyId!)).toMatchObject({ articleCount: 2, version: 2 });
  });
});
