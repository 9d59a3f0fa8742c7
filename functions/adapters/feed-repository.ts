import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { StoredFeed } from '../core/feeds/feed';
import { parseStored } from '../core/stored-record';
import { keys } from './table-keys';
import { sendIfCondition, queryPartition, type Table, updateIfExists } from './table';

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

export async function getFeed(table: Table, id: string): Promise<StoredFeed | undefined> {
  const out = await table.doc.send(new GetCommand({ TableName: table.name, Key: keys.feed(id) }));
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

/**
 * Saves a feed's state after a poll; a feed removed meanwhile stays removed (false). One update: the
 * poll's fields set as they are (the last poll's word stands; a field it no longer has removed), and
 * `added`, the articles this poll added, added to the stored count, so that a poll beside another (the
 * schedule and `feeds poll`) never undoes the other's count.
 */
export async function saveFeed(table: Table, feed: StoredFeed, added = 0): Promise<boolean> {
  // The poll is done: its claim's mark goes (a field left undefined is removed).
  const { id: _id, articles: _articles, claimedUntil: _claimedUntil, ...fields } = feed;
  const names: Record<string, string> = { '#articles': 'articles' };
  const values: Record<string, unknown> = { ':added': added };
  const set: string[] = [];
  const removed: string[] = [];
  for (const name of Object.keys(StoredFeed.shape).filter((n) => n !== 'id' && n !== 'articles')) {
    names[`#${name}`] = name;
    const value = fields[name as keyof typeof fields];
    if (value === undefined) removed.push(`#${name}`);
    else {
      set.push(`#${name} = :${name}`);
      values[`:${name}`] = value;
    }
  }
  const expression = [`SET ${set.join(', ')}`, ...(removed.length > 0 ? [`REMOVE ${removed.join(', ')}`] : []), 'ADD #articles :added'];
  return updateIfExists(table, keys.feed(feed.id), {
    UpdateExpression: expression.join(' '),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  });
}

/**
 * Claims a due feed for one poll by moving its next poll time, only if nobody moved it since it was
 * read: two dispatcher runs (or a slow poll and the next run) never poll the same feed twice. The
 * lease's end is also kept as `claimedUntil`, which the poll's save removes.
 */
export async function claimFeed(table: Table, feed: StoredFeed, leaseUntil: string): Promise<boolean> {
  return sendIfCondition(
    table,
    new UpdateCommand({
      TableName: table.name,
      Key: keys.feed(feed.id),
      UpdateExpression: 'SET nextPollAt = :lease, claimedUntil = :lease',
      ConditionExpression: 'nextPollAt = :seen',
      ExpressionAttributeValues: { ':lease': leaseUntil, ':seen': feed.nextPollAt },
    }),
  );
}

/**
 * Makes every feed still claimed due at `now`: for the local runtime at start, when no poller of an
 * earlier run can hold a claim any more (the data folder is locked to one run, and its feed queue is not
 * kept), so a feed a stopped run had claimed is polled now rather than when its lease ends. Only a claim
 * still in place is released (the next poll time still the lease's end). Returns how many were.
 */
export async function releaseClaims(table: Table, now: Date): Promise<number> {
  const claimed = (await listFeeds(table)).filter((feed) => feed.claimedUntil !== undefined && feed.claimedUntil === feed.nextPollAt);
  const released = await Promise.all(
    claimed.map((feed) =>
      sendIfCondition(
        table,
        new UpdateCommand({
          TableName: table.name,
          Key: keys.feed(feed.id),
          UpdateExpression: 'SET nextPollAt = :now REMOVE claimedUntil',
          ConditionExpression: 'nextPollAt = :lease AND claimedUntil = :lease',
          ExpressionAttributeValues: { ':now': now.toISOString(), ':lease': feed.claimedUntil },
        }),
      ),
    ),
  );
  return released.filter(Boolean).length;
}
