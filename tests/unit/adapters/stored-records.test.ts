import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { findApiKey } from '../../../functions/adapters/api-key-lookup';
import { getArticle } from '../../../functions/adapters/article-repository';
import { getSubscription } from '../../../functions/adapters/subscription-repository';
import type { Table } from '../../../functions/adapters/table';

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

beforeEach(() => ddb.reset());

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
