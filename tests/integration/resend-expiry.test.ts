/**
 * Re-sends through the local runtime, days apart: the clock of the process (where the handlers run) is
 * moved between the posts, and the items are read back from the table. Every item that describes the
 * article keeps the stored article's fields and expiry; the re-sends change nothing.
 */
import { DeleteItemCommand, type DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { api, createQueue, drainQueue, receiveAtLeast, SEED_ARTICLE, startTestRuntime, stopTestRuntime, type TestRuntime } from './helpers';
import { localDynamoClient } from '../support/local-dynamo';

const RETENTION_DAYS = 30;
const DAY_MS = 86_400_000;
const ID = 'resent-days-later';

describe('local runtime: an article re-sent days later', () => {
  let runtime: TestRuntime | undefined;
  let dynamodb: DynamoDBClient | undefined;
  const retentionBefore = process.env.ARTICLE_RETENTION_DAYS;

  beforeAll(async () => {
    process.env.ARTICLE_RETENTION_DAYS = String(RETENTION_DAYS);
    // Only Date is faked, and it runs on: timers, sockets and the stand-ins' threads keep real time.
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    runtime = await startTestRuntime();
    dynamodb = localDynamoClient(runtime.dynamodbEndpoint, runtime.region);
  });

  afterAll(async () => {
    dynamodb?.destroy();
    await stopTestRuntime(runtime);
    vi.useRealTimers();
    if (retentionBefore === undefined) delete process.env.ARTICLE_RETENTION_DAYS;
    else process.env.ARTICLE_RETENTION_DAYS = retentionBefore;
  });

  /** Every item of the table that names the article (`kinds`: of these kinds only). */
  async function itemsOf(id: string, kinds?: string[]): Promise<Record<string, any>[]> {
    const out = await dynamodb!.send(new ScanCommand({ TableName: runtime!.tableName }));
    return (out.Items ?? [])
      .map((i) => unmarshall(i))
      .filter((i) => i.pk === `ART#${id}` || i.articleId === id || i.id === id)
      .filter((i) => kinds === undefined || kinds.includes(i.kind));
  }
  /** The article and the items that describe it: its tag index entries, its story member entry. */
  const itemsOfArticle = () => itemsOf(ID, ['article', 'tag', 'story-member']);

  it('keeps the first copy’s expiry on the article, its tag index entries and its story member entry', async () => {
    const firstPost = Date.now();
    const article = { ...SEED_ARTICLE, id: ID };
    const first = await api(runtime!, 'POST', '/articles', article);
    expect(first.status).toBe(201);
    const before = await itemsOfArticle();

    vi.setSystemTime(firstPost + 5 * DAY_MS);
    const identical = await api(runtime!, 'POST', '/articles', article);
    vi.setSystemTime(firstPost + 9 * DAY_MS);
    const retitled = await api(runtime!, 'POST', '/articles', { ...article, title: 'Another headline', source: 'another.example' });

    expect([identical.status, retitled.status]).toEqual([200, 200]);
    expect(identical.body).toMatchObject({ duplicate: true, storyId: first.body.storyId });
    const after = await itemsOfArticle();
    const kinds = after.map((i) => i.kind).sort();
    expect(kinds).toEqual(['article', 'story-member', 'tag', 'tag', 'tag', 'tag']);
    const expiry = after.find((i) => i.kind === 'article')!.expiresAt;
    expect(expiry).toBe(Math.floor(firstPost / 1000) + RETENTION_DAYS * 86_400);
    for (const item of after) expect({ kind: item.kind, expiresAt: item.expiresAt }).toEqual({ kind: item.kind, expiresAt: expiry });
    const byKey = (items: Record<string, any>[]) => [...items].sort((a, b) => `${a.pk}${a.sk}`.localeCompare(`${b.pk}${b.sk}`));
    expect(byKey(after)).toEqual(byKey(before));

    const story = await api(runtime!, 'GET', `/stories/${first.body.storyId}`);
    expect(story.body.articles).toMatchObject([{ id: ID, title: SEED_ARTICLE.title, source: SEED_ARTICLE.source }]);
  });

  it('sends no second alert for a re-send after the first alert’s marker expired', async () => {
    const queue = await createQueue(runtime!, 'resent-late');
    expect((await api(runtime!, 'POST', '/subscriptions', { protocol: 'sqs', endpoint: queue.arn, people: ['viktor-bout'] })).status).toBe(
      201,
    );
    const id = 'resent-after-marker';
    const article = { ...SEED_ARTICLE, id, url: 'https://www.rt.com/news/resent-after-marker/' };
    expect((await api(runtime!, 'POST', '/articles', article)).status).toBe(201);
    expect(await receiveAtLeast(runtime!, queue.url, 1)).toHaveLength(1);

    vi.setSystemTime(Date.now() + 8 * DAY_MS);
    // DynamoDB's TTL deletes the marker 7 days after its claim (dynalite keeps it: deleted here as DynamoDB would).
    await dynamodb!.send(new DeleteItemCommand({ TableName: runtime!.tableName, Key: marshall({ pk: `ALERT#${id}`, sk: 'A' }) }));
    expect((await api(runtime!, 'POST', '/articles', article)).body).toMatchObject({ duplicate: true });
    expect((await itemsOf(id, ['alert-due'])).length).toBe(1);
    const counts = await runtime!.sweep({ minAgeMs: 0 });
    expect(counts).toMatchObject({ published: 0, overdue: 0 });

    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await drainQueue(runtime!, queue.url)).toEqual([]);
    expect(await itemsOf(id, ['alert-due'])).toEqual([]);
  });
});
