import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { getFeed, putFeedIfAbsent, saveFeed } from '../../../functions/adapters/feed-repository';
import type { Table } from '../../../functions/adapters/table';
import { feedId, newStoredFeed } from '../../../functions/core/feeds/feed';
import { fakeTable } from '../handlers/support/fake-table';

const fake = fakeTable();
const table: Table = { doc: DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' })), name: 'newswatch' };
const url = 'https://news.example.org/rss.xml';
const feed = newStoredFeed({ id: feedId(url), url, everyMinutes: 15, fullText: false }, '2026-12-02T00:00:00.000Z');

beforeEach(async () => {
  fake.reset();
  await putFeedIfAbsent(table, feed);
});

describe('saving a poll beside another poll of the same feed', () => {
  it.each([
    ['the poll that added articles saves first', [3, 0]],
    ['the poll that found them already there saves first', [0, 3]],
  ])('keeps the articles either poll added (%s)', async (_, order) => {
    // Both polls read the feed with 0 articles; one ingested 3, the other found those 3 as duplicates.
    for (const added of order) await saveFeed(table, { ...feed, articles: added, lastStatus: 'ok' }, added);

    expect((await getFeed(table, feed.id))?.articles).toBe(3);
  });

  it('adds up two polls that each added articles', async () => {
    await saveFeed(table, { ...feed, articles: 2 }, 2);
    await saveFeed(table, { ...feed, articles: 1 }, 1);

    expect((await getFeed(table, feed.id))?.articles).toBe(3);
  });

  it('leaves a feed removed meanwhile removed', async () => {
    fake.reset();

    expect(await saveFeed(table, { ...feed, articles: 1 }, 1)).toBe(false);
    expect(await getFeed(table, feed.id)).toBeUndefined();
  });
});
