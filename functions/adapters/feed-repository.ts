import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { StoredFeed } from '../core/feeds/feed';
import { parseStored } from '../core/stored-record';
import { keys } from './table-keys';
import { sendIfCondition, queryPartition, type Table } from './table';

/** Feeds: one partition (pk FEEDS), one item per feed holding its settings and polling state. */
function toFeed(item: Record<string, unknown>): StoredFeed {
  const { pk: _pk, sk: _sk, kind: _kind, ...feed } = item;
  return parseStored(StoredFeed, feed, `feed ${item.sk}`);
}

const itemOf = (feed: StoredFeed) => ({ ...keys.feed(feed.id), kind: 'feed', ...feed });

/** Stores a new feed; false when a feed with this id (the same URL) is already there. */
export async function putFeedIfAbsent(table: Table, feed: StoredFeed): Promise<boolean> {
  return sendIfCondition(
    table,
    new PutCommand({ TableName: table.name, Item: itemOf(feed), ConditionExpression: 'attribute_not_exists(pk)' }),
  );
}

export async function getFeed(table: Table, id: string, consistent = false): Promise<StoredFeed | undefined> {
  const out = await table.doc.send(
    new GetCommand({ TableName: table.name, Key: keys.feed(id), ...(consistent && { ConsistentRead: true }) }),
  );
  return out.Item ? toFeed(out.Item) : undefined;
}

export async function listFeeds(table: Table): Promise<StoredFeed[]> {
  return (await queryPartition(table, keys.feedsPartition)).map(toFeed);
}

/** True when the feed existed. */
export async function deleteFeed(table: Table, id: string): Promise<boolean> {
  const out = await table.doc.send(new DeleteCommand({ TableName: table.name, Key: keys.feed(id), ReturnValues: 'ALL_OLD' }));
  return out.Attributes !== undefined;
}

/** Attempts at saving a poll while other polls of the same feed save theirs. */
const MAX_SAVE_ATTEMPTS = 5;

/**
 * Saves a feed's state after a poll; a feed removed meanwhile stays removed (false). The poll's fields
 * are saved as they are (the last poll's word stands), its `articles` as the stored count plus the
 * `added` articles of this poll: a poll beside another (the schedule and `feeds poll`) never undoes
 * the other's count.
 */
export async function saveFeed(table: Table, feed: StoredFeed, added = 0): Promise<boolean> {
  // The count this poll read: the save holds only while the stored one is still it.
  let read = feed.articles - added;
  for (let attempt = 0; attempt < MAX_SAVE_ATTEMPTS; attempt++) {
    const put = new PutCommand({
      TableName: table.name,
      Item: itemOf({ ...feed, articles: read + added }),
      ConditionExpression: 'attribute_exists(pk) AND articles = :read',
      ExpressionAttributeValues: { ':read': read },
    });
    if (await sendIfCondition(table, put)) return true;
    // Read strongly: an eventually consistent read may give the count the condition just refused.
    const current = await getFeed(table, feed.id, true);
    if (!current) return false;
    read = current.articles;
  }
  throw new Error(`Feed ${feed.id} kept changing while its poll was saved`);
}

/**
 * Claims a due feed for one poll by moving its next poll time, only if nobody moved it since it was
 * read: two dispatcher runs (or a slow poll and the next run) never poll the same feed twice.
 */
export async function claimFeed(table: Table, feed: StoredFeed, leaseUntil: string): Promise<boolean> {
  return sendIfCondition(
    table,
    new UpdateCommand({
      TableName: table.name,
      Key: keys.feed(feed.id),
      UpdateExpression: 'SET nextPollAt = :lease',
      ConditionExpression: 'nextPollAt = :seen',
      ExpressionAttributeValues: { ':lease': leaseUntil, ':seen': feed.nextPollAt },
    }),
  );
}
