/**
 * The article item as the local runtime stores it: the body compressed in dynalite yet returned and
 * quoted as text, items written before compression still read and alerted on, and concurrent posts of
 * one new article stored and alerted once (write first, read only on conflict).
 */
import { type DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  alertOf,
  api,
  createQueue,
  drainQueue,
  receiveAtLeast,
  SEED_ARTICLE,
  startTestRuntime,
  stopTestRuntime,
  type TestRuntime,
} from './helpers';
import { localDynamoClient } from '../support/local-dynamo';

describe('local runtime: article storage', () => {
  let runtime: TestRuntime | undefined;
  let dynamodb: DynamoDBClient | undefined;
  let queueUrl = '';

  beforeAll(async () => {
    runtime = await startTestRuntime();
    dynamodb = localDynamoClient(runtime.dynamodbEndpoint, runtime.region);
    const queue = await createQueue(runtime, 'storage-bout');
    queueUrl = queue.url;
    expect((await api(runtime, 'POST', '/subscriptions', { protocol: 'sqs', endpoint: queue.arn, people: ['viktor-bout'] })).status).toBe(
      201,
    );
  });

  afterAll(async () => {
    dynamodb?.destroy();
    await stopTestRuntime(runtime);
  });

  it('stores the body compressed and returns it, and quotes it in the alert, as text', async () => {
    const posted = await api(runtime!, 'POST', '/articles', { ...SEED_ARTICLE, id: 'stored-compressed' });
    const [message] = await receiveAtLeast(runtime!, queueUrl, 1);

    const raw = await dynamodb!.send(
      new GetItemCommand({ TableName: runtime!.tableName, Key: marshall({ pk: 'ART#stored-compressed', sk: 'A' }) }),
    );
    const fetched = await api(runtime!, 'GET', '/articles/stored-compressed');
    expect(posted.status).toBe(201);
    expect(raw.Item?.bodyEncoding).toEqual({ S: 'br' });
    expect(raw.Item?.body?.B?.byteLength).toBeLessThan(Buffer.byteLength(SEED_ARTICLE.body));
    expect(fetched.body.body).toContain('securing the release of its citizens');
    expect(fetched.body).not.toHaveProperty('bodyEncoding');
    const sentences = alertOf(message!)
      .alert.evidence.map((e: { sentence: string }) => e.sentence)
      .join(' ');
    expect(sentences).toContain('Viktor Bout');
  });

  it('reads and alerts on an article item written before bodies were compressed', async () => {
    const body = 'An older article: Viktor Bout was moved to another prison.';
    const at = body.indexOf('Viktor Bout');
    const old = {
      pk: 'ART#stored-plain',
      sk: 'A',
      kind: 'article',
      id: 'stored-plain',
      body,
      publishedAt: '2020-01-01T00:00:00.000Z',
      ingestedAt: '2020-01-01T00:00:00.000Z',
      matched: true,
      people: ['viktor-bout'],
      topics: [],
      personNames: { 'viktor-bout': 'Viktor Bout' },
      tags: { people: [{ id: 'viktor-bout', mentions: [{ field: 'body', start: at, end: at + 11, text: 'Viktor Bout' }] }], topics: [] },
    };

    await dynamodb!.send(new PutItemCommand({ TableName: runtime!.tableName, Item: marshall(old) }));
    const [message] = await receiveAtLeast(runtime!, queueUrl, 1);
    const fetched = await api(runtime!, 'GET', '/articles/stored-plain');

    expect(fetched.body.body).toBe(body);
    expect(alertOf(message!).alert.evidence[0].sentence).toContain('moved to another prison');
  });

  it('stores and alerts once when the same new article is posted many times at once', async () => {
    const article = { ...SEED_ARTICLE, id: 'stored-race' };

    const responses = await Promise.all(Array.from({ length: 12 }, () => api(runtime!, 'POST', '/articles', article)));
    await runtime!.streamIdle();
    const alerts = (await drainQueue(runtime!, queueUrl)).map((m) => alertOf(m).alert.articleId);

    expect(responses.map((r) => r.status).sort()).toEqual([...Array(11).fill(200), 201]);
    expect(new Set(responses.map((r) => JSON.stringify(r.body.people)))).toHaveProperty('size', 1);
    expect(alerts).toEqual(['stored-race']);
  });

  it('stores the first of the batch items that share an id, and answers the later ones as its duplicates', async () => {
    const first = { id: 'storage-repeated', body: 'Viktor Bout A' };
    const other = { id: 'storage-repeated', body: 'different body' };

    const posted = await api(runtime!, 'POST', '/articles', { articles: [first, first, other] });

    await runtime!.streamIdle();
    const alerts = (await drainQueue(runtime!, queueUrl)).map((m) => alertOf(m).alert.articleId);
    const stored = await api(runtime!, 'GET', '/articles/storage-repeated');
    expect(posted.body.results).toMatchObject([
      { index: 0, status: 201, duplicate: false, people: ['viktor-bout'] },
      { index: 1, status: 200, duplicate: true, people: ['viktor-bout'] },
      { index: 2, status: 200, duplicate: true, people: ['viktor-bout'] },
    ]);
    expect(stored.body.body).toBe(first.body);
    expect(alerts).toEqual(['storage-repeated']);
  });
});
