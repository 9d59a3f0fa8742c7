import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { findApiKey } from '../../../functions/adapters/api-key-lookup';
import { overdueAlerts } from '../../../functions/adapters/alert-due';
import { claimAlert } from '../../../functions/adapters/alert-markers';
import { articlesForIndexKeys, getArticle, getArticleAndOwed } from '../../../functions/adapters/article-repository';
import { matchesBetween } from '../../../functions/adapters/digest-index';
import { storyMembers } from '../../../functions/adapters/story-repository';
import { onSkippedRecord } from '../../../functions/adapters/skipped-records';
import { getSubscription } from '../../../functions/adapters/subscription-repository';
import type { Table } from '../../../functions/adapters/table';
import { readWatchlistRevision } from '../../../functions/adapters/watchlist-repository';
import { DamagedRecord } from '../../../functions/core/stored-record';

// Items read back from the table go through the same zod schema that defines their shape: a damaged or
// foreign item is refused where it is read, instead of travelling on as a wrongly typed value.
const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
const ddb = mockClient(doc);
const table: Table = { doc, name: 'newswatch' };

const subscription = {
  pk: 'SUBS',
  sk: 's1',
  kind: 'subscription',
  id: 's1',
  protocol: 'sqs',
  endpoint: 'arn:aws:sqs:us-east-1:000000000000:q',
  people: ['viktor-bout'],
  topics: [],
  subscriptionArn: 'arn:aws:sns:us-east-1:000000000000:alerts:1',
  pending: false,
  createdAt: '2026-01-01T00:00:00.000Z',
};
const apiKey = { pk: 'APIKEYS', sk: 'k1', keyId: 'k1', hash: 'ab', scopes: ['read'], createdAt: '2026-01-01T00:00:00.000Z' };
const article = {
  pk: 'ART#a1',
  sk: 'A',
  kind: 'article',
  id: 'a1',
  body: 'Viktor Bout',
  publishedAt: '2026-01-01T00:00:00.000Z',
  ingestedAt: '2026-01-01T00:00:00.000Z',
  matched: true,
  people: ['viktor-bout'],
  topics: [],
  tags: { people: [{ id: 'viktor-bout', mentions: [{ field: 'body', start: 0, end: 11, text: 'Viktor Bout' }] }], topics: [] },
};

/** What the readers reported leaving out (the handlers log and count it), per test. */
let skipped: string[] = [];
beforeEach(() => {
  ddb.reset();
  skipped = [];
  onSkippedRecord((record, problems) => skipped.push(`${record}: ${problems}`));
});

describe('records read back from the table', () => {
  it('returns a well-formed subscription without its storage keys', async () => {
    ddb.on(GetCommand).resolves({ Item: subscription });
    const record = await getSubscription(table, 's1');
    expect(record).toMatchObject({ id: 's1', protocol: 'sqs' });
    expect(record).not.toHaveProperty('pk');
  });

  it('refuses a stored subscription whose protocol newswatch does not know', async () => {
    ddb.on(GetCommand).resolves({ Item: { ...subscription, protocol: 'carrier-pigeon' } });
    await expect(getSubscription(table, 's1')).rejects.toThrow(/protocol/);
  });

  it('refuses a stored API key record with a scope that does not exist', async () => {
    ddb.on(GetCommand).resolves({ Item: { ...apiKey, scopes: ['root'] } });
    await expect(findApiKey(table, 'k1')).rejects.toThrow(/scopes/);
  });

  it('returns a well-formed API key record', async () => {
    ddb.on(GetCommand).resolves({ Item: apiKey });
    await expect(findApiKey(table, 'k1')).resolves.toMatchObject({ keyId: 'k1', scopes: ['read'] });
  });

  it('refuses a stored article without its tags', async () => {
    const { tags: _tags, ...untagged } = article;
    ddb.on(GetCommand).resolves({ Item: untagged });
    await expect(getArticle(table, 'a1')).rejects.toThrow(/tags/);
  });

  it('returns a stored article with default person names and no storage keys', async () => {
    ddb.on(GetCommand).resolves({ Item: article });
    const stored = await getArticle(table, 'a1');
    expect(stored).toMatchObject({ id: 'a1', personNames: {} });
    expect(stored).not.toHaveProperty('kind');
  });
});

describe('lists read back from the table', () => {
  const match = {
    articleId: 'a1',
    storyId: 'st_1',
    ingestedAt: '2026-01-01T10:15:00.000Z',
    people: ['viktor-bout'],
    topics: ['prisoner-exchange'],
    scores: { 'prisoner-exchange': 0.8 },
  };
  const member = { id: 'a1', title: 'Bout freed', url: null, source: 'tass.ru', publishedAt: '2026-01-01T10:00:00.000Z', language: 'ru' };

  it('gives the digest only well-formed match entries, without their storage keys', async () => {
    // One shard of the hour holds the entries; the others are empty.
    const stored = [
      { pk: 'MATCH#2026-01-01T10#0', sk: match.ingestedAt, kind: 'match', expiresAt: 1, ...match },
      { pk: 'MATCH#2026-01-01T10#0', sk: match.ingestedAt, kind: 'match', ...match, articleId: 'a2', people: 'viktor-bout' },
    ];
    ddb.on(QueryCommand).callsFake((input) => ({ Items: input.ExpressionAttributeValues[':pk'].endsWith('#0') ? stored : [] }));
    const found = await matchesBetween(table, '2026-01-01T10:00:00.000Z', '2026-01-01T10:30:00.000Z');
    expect(found).toEqual([match]);
    expect(skipped).toEqual([expect.stringMatching(/^digest match MATCH#2026-01-01T10#0 2026-01-01T10:15:00.000Z: people: /)]);
  });

  it('lists the readable articles of a page and reports each damaged one instead of failing the page', async () => {
    const untagged = { ...article, pk: 'ART#a2', id: 'a2', tags: undefined };
    const undecodable = { ...article, pk: 'ART#a3', id: 'a3', body: new Uint8Array([1, 2, 3]), bodyEncoding: 'br' };
    ddb.on(BatchGetCommand).resolves({ Responses: { newswatch: [article, untagged, undecodable] } });

    const listed = await articlesForIndexKeys(table, [
      '2026-01-01T00:00:00.000Z#a1',
      '2026-01-01T00:00:00.000Z#a2',
      '2026-01-01T00:00:00.000Z#a3',
    ]);

    expect(listed.map((a) => a.id)).toEqual(['a1']);
    expect(skipped).toEqual([
      expect.stringMatching(/^article ART#a2: tags/),
      expect.stringMatching(/^article ART#a3: .*does not decompress/),
    ]);
  });

  it("lists a story's well-formed member entries only, without their storage keys", async () => {
    ddb.on(QueryCommand).resolves({
      Items: [
        { pk: 'STORY#st_1', sk: 'A#2026-01-01T10:00:00.000Z#a1', kind: 'story-member', ...member },
        { pk: 'STORY#st_1', sk: 'A#x#a2', kind: 'story-member', id: 'a2', title: 'no publishedAt' },
      ],
    });
    expect(await storyMembers(table, 'st_1')).toEqual([member]);
    expect(skipped).toEqual([expect.stringMatching(/^story member STORY#st_1 A#x#a2: /)]);
  });
});

describe('records whose shape the code read by hand before', () => {
  it('reads a watchlist change counter that is not a whole number as unknown, and reports it naming the META item', async () => {
    ddb.on(GetCommand).resolves({ Item: { pk: 'WATCHLIST', sk: 'META', revision: '7' } });
    await expect(readWatchlistRevision(table)).resolves.toBeUndefined();
    expect(skipped).toEqual([expect.stringMatching(/^watchlist META item WATCHLIST META: revision: /)]);
  });

  it('reads a watchlist seeded but never edited as revision 0', async () => {
    ddb.on(GetCommand).resolves({ Item: { pk: 'WATCHLIST', sk: 'META', seededAt: '2026-01-01T00:00:00.000Z' } });
    await expect(readWatchlistRevision(table)).resolves.toBe(0);
  });

  it('refuses an article whose failed-story mark is not a string, as a damaged record', async () => {
    ddb.on(GetCommand).resolves({ Item: { ...article, storyOwed: 17 } });
    const refusal = await getArticleAndOwed(table, 'a1').catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(DamagedRecord);
    expect((refusal as Error).message).toMatch(/storyOwed/);
  });

  it('refuses an alert marker with a status newswatch never writes, after a refused claim', async () => {
    ddb.on(PutCommand).rejects(Object.assign(new Error('The conditional request failed'), { name: 'ConditionalCheckFailedException' }));
    ddb.on(GetCommand).resolves({ Item: { pk: 'ALERT#a1', sk: 'A', status: 'sent', token: 't' } });
    await expect(claimAlert(table, 'a1', 't2')).rejects.toThrow(/^The stored alert marker of a1 is malformed \(status: /);
  });

  it('gives the sweeper the well-formed owed alerts and reports each malformed one with its key', async () => {
    const good = { pk: 'ALERTDUE#0', sk: '2026-01-01T00:00:00.000Z#a1', kind: 'alert-due', articleId: 'a1' };
    const noArticle = { pk: 'ALERTDUE#0', sk: '2026-01-01T00:00:01.000Z#a2', kind: 'alert-due' };
    const otherArticle = { pk: 'ALERTDUE#0', sk: '2026-01-01T00:00:02.000Z#a3', kind: 'alert-due', articleId: 'a4' };
    ddb
      .on(QueryCommand)
      .callsFake((input) => ({ Items: input.ExpressionAttributeValues[':pk'] === 'ALERTDUE#0' ? [good, noArticle, otherArticle] : [] }));
    const malformed: string[] = [];

    const due = await overdueAlerts(table, '2026-01-02T00:00:00.000Z', 0, 10, (key, problem) => malformed.push(`${key.sk} ${problem}`));

    expect(due).toEqual([{ key: { pk: good.pk, sk: good.sk }, articleId: 'a1', ingestedAt: '2026-01-01T00:00:00.000Z' }]);
    expect(malformed).toEqual([
      expect.stringMatching(/#a2 articleId: /),
      expect.stringMatching(/#a3 sk: the sort key does not end with #<articleId>/),
    ]);
  });

  it('names a stored subscription that does not parse as a damaged record, not as a bad request', async () => {
    ddb.on(GetCommand).resolves({ Item: { ...subscription, protocol: 'carrier-pigeon' } });
    const refusal = await getSubscription(table, 's1').catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(DamagedRecord);
    expect((refusal as Error).message).toMatch(/^The stored subscription s1 is malformed \(protocol: /);
  });
});
