/**
 * The handler tests run on an in-memory fake of the table (tests/unit/handlers/support/fake-table.ts) that
 * evaluates condition, update, key-condition and filter expressions with a small parser of its own
 * (support/expressions.ts). This test proves the fake against dynalite, which evaluates them as DynamoDB
 * does: every repository call that writes conditionally, updates, or queries by key condition or filter
 * must give the same outcomes on both. When a repository's expressions change, this is the test that
 * says the fake is stale.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STALE_CLAIM_MS, claimAlert, markPublished, releaseAlert } from '../../functions/adapters/alert-markers';
import {
  clearStoryOwed,
  getArticle,
  getArticleAndOwed,
  markStoryOwed,
  putArticleIfAbsent,
  queryTagShard,
  tagIndexItems,
} from '../../functions/adapters/article-repository';
import { overdueAlerts, parkMalformedDue, postponeDue } from '../../functions/adapters/alert-due';
import { querySentShard, recordSent, wasLogged } from '../../functions/adapters/sent-alert-repository';
import { advanceDigest, putBackDigest, settleDigest, takeOverDigest } from '../../functions/adapters/digest-periods';
import { claimFeed, putFeedIfAbsent, saveFeed } from '../../functions/adapters/feed-repository';
import { claimGains } from '../../functions/adapters/story-gains';
import { getStory, putStoryIfVersion, storyMembers, writeItems } from '../../functions/adapters/story-repository';
import { getSubscription, markConfirmed, saveSubscription } from '../../functions/adapters/subscription-repository';
import { type Table, updateIfExists } from '../../functions/adapters/table';
import { shardOf } from '../../functions/core/hash';
import { emptyProfile } from '../../functions/core/stories/profile';
import type { StoryRecord } from '../../functions/core/stories/story';
import {
  deleteWatchlistEntry,
  loadWatchlist,
  putWatchlistEntry,
  readWatchlistRevision,
} from '../../functions/adapters/watchlist-repository';
import { keys } from '../../functions/adapters/table-keys';
import type { StoredArticle } from '../../functions/core/stored-article';
import { ALERT_DUE_SHARDS, TAG_SHARDS } from '../../functions/adapters/table-design';
import { ensureTable, startDynalite } from '../../functions/local/dynamo/dynamo-standin';
import { fakeTable } from '../unit/handlers/support/fake-table';
import { storedFeed } from '../unit/handlers/support/stored-feed';
import { localDynamoClient } from '../support/local-dynamo';

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
  await step(markPublished(table, 'a0', 't4', 'm4', new Date(T0 + STALE_CLAIM_MS + 2)));
  await step(releaseAlert(table, 'a0', 't4'));
  await step(claimAlert(table, 'a0', 't5', T0 + 3 * STALE_CLAIM_MS));

  for (const a of articles) await writeItems(table, tagIndexItems(a));
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
  // A page that stops at its Limit says there may be more, even when the partition holds nothing after it.
  const inPartition = (await queryTagShard(table, partition, { limit: 100 })).sortKeys.length;
  await step(queryTagShard(table, partition, { limit: inPartition }).then((p) => [p.sortKeys.length, p.more]));

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

const story = (version: number, title: string): StoryRecord => ({
  id: 'st_1',
  title,
  firstSeenAt: '2026-01-01T10:00:00.000Z',
  lastSeenAt: '2026-01-01T10:00:00.000Z',
  articleCount: version,
  sources: [],
  languages: [],
  people: [],
  topics: [],
  firstUrl: null,
  profile: emptyProfile(T0),
  version,
});
const feed = (nextPollAt: string) => ({ ...storedFeed('f1', nextPollAt), url: 'https://example.com/rss.xml' });

/** The other repositories' conditional writes, update expressions, key conditions and filters. */
async function moreScenario(table: Table): Promise<unknown[]> {
  const results: unknown[] = [];
  const step = async (p: Promise<unknown>) => results.push(await outcome(p));

  // Stories: optimistic versions, gain claims once per story and id, members listed by sort-key prefix.
  await step(putStoryIfVersion(table, story(1, 'first'), 0));
  await step(putStoryIfVersion(table, story(1, 'lost race'), 0));
  await step(putStoryIfVersion(table, story(2, 'second'), 1));
  await step(putStoryIfVersion(table, story(3, 'stale'), 1));
  await step(getStory(table, 'st_1').then((s) => [s?.title, s?.version]));
  await step(claimGains(table, 'st_1', 'a1', ['person#viktor-bout', 'topic#prisoner-exchange']));
  await step(claimGains(table, 'st_1', 'a1', ['person#viktor-bout']));
  await step(claimGains(table, 'st_1', 'a2', ['person#viktor-bout', 'person#brittney-griner']));
  await step(
    writeItems(table, [
      {
        ...keys.storyMember('st_1', 'a1', '2026-01-01T10:00:00.000Z'),
        id: 'a1',
        title: null,
        url: null,
        source: null,
        publishedAt: '2026-01-01T10:00:00.000Z',
        language: 'en',
      },
    ]),
  );
  await step(storyMembers(table, 'st_1').then((m) => m.map((a) => a.id)));

  // Digests: the period moves on only from the value read (and only for a subscription that exists).
  await step(advanceDigest(table, 'sub1', undefined, 't1'));
  const sub = { id: 'sub1', protocol: 'sqs' as const, endpoint: 'arn:aws:sqs:us-east-1:000000000000:q', people: [], topics: [] };
  await step(
    saveSubscription(table, { ...sub, subscriptionArn: 'pending confirmation', pending: true, createdAt: 't0', delivery: 'hourly' }),
  );
  await step(advanceDigest(table, 'sub1', undefined, 't1'));
  await step(advanceDigest(table, 'sub1', undefined, 't2'));
  await step(advanceDigest(table, 'sub1', 't1', 't2'));
  await step(advanceDigest(table, 'sub1', 't1', 't3'));
  await step(markConfirmed(table, 'sub1', 'arn:aws:sns:us-east-1:000000000000:alerts:1'));
  await step(markConfirmed(table, 'absent', 'arn'));
  await step(getSubscription(table, 'sub1').then((s) => [s?.pending, s?.subscriptionArn, s?.lastDigestAt]));

  // Feeds: created once, saved only while present, claimed only by whoever read the current poll time.
  await step(putFeedIfAbsent(table, feed('2026-01-01T00:00:00.000Z')));
  await step(putFeedIfAbsent(table, feed('2026-01-01T00:00:00.000Z')));
  await step(saveFeed(table, { ...feed('2026-01-01T00:00:00.000Z'), id: 'absent' }));
  await step(claimFeed(table, feed('2026-01-01T00:00:00.000Z'), '2026-01-01T00:05:00.000Z'));
  await step(claimFeed(table, feed('2026-01-01T00:00:00.000Z'), '2026-01-01T00:06:00.000Z'));

  // Owed alerts: postponed ones are skipped by the sweeper's filter until their time; removing the mark clears that.
  const owed = (id: string, at: string) => ({ ...keys.alertDue(id, at), kind: 'alert-due', articleId: id });
  await step(writeItems(table, [owed('o1', '2026-01-01T10:00:00.000Z'), owed('o2', '2026-01-01T10:01:00.000Z')]));
  await step(postponeDue(table, keys.alertDue('o1', '2026-01-01T10:00:00.000Z'), T0 + 10_000));
  await step(postponeDue(table, keys.alertDue('gone', '2026-01-01T10:00:00.000Z'), T0 + 10_000));
  const due = (now: number) => overdueAlerts(table, '2026-01-02T00:00:00.000Z', now, 10).then((d) => d.map((a) => a.articleId));
  await step(due(T0));
  await step(due(T0 + 20_000));
  const unpostpone = (id: string) =>
    updateIfExists(table, keys.alertDue(id, '2026-01-01T10:00:00.000Z'), { UpdateExpression: 'REMOVE retryAfter' });
  await step(unpostpone('o1'));
  await step(unpostpone('gone'));
  await step(due(T0));

  // Parking a malformed owed item: moved out of its shard once; a crash between the two writes leaves
  // the copy and the item, and parking again only deletes (and reports) the item; an item fixed meanwhile stays owed.
  const left = async () => {
    const malformedKeys: string[] = [];
    const found = await overdueAlerts(table, '2026-01-02T00:00:00.000Z', T0, 10, (item) => malformedKeys.push(String(item.sk)));
    return [found.map((a) => a.articleId), malformedKeys];
  };
  const copyOf = async (item: { pk: string; sk: string }) =>
    (await table.doc.send(new GetCommand({ TableName: table.name, Key: keys.parkedDue(item) }))).Item?.kind ?? 'none';
  const malformed = { ...owed('p1', '2026-01-01T11:00:00.000Z'), articleId: 42 };
  await step(writeItems(table, [malformed]));
  await step(left());
  await step(parkMalformedDue(table, malformed, 'articleId: not a string', T0));
  await step(parkMalformedDue(table, malformed, 'articleId: not a string', T0));
  await step(left());
  const crashed = { ...owed('p2', '2026-01-01T11:01:00.000Z'), articleId: 42 };
  await step(writeItems(table, [crashed, { ...keys.parkedDue(crashed), kind: 'alert-parked' }]));
  await step(parkMalformedDue(table, crashed, 'articleId: not a string', T0));
  await step(left());
  const fixed = owed('p3', '2026-01-01T11:02:00.000Z');
  await step(writeItems(table, [fixed]));
  await step(parkMalformedDue(table, { ...fixed, articleId: '' }, 'articleId: too short', T0));
  await step(left());
  await step(copyOf(fixed));
  const noArticleInKey = { pk: fixed.pk, sk: '2026-01-01T11:03:00.000Z', kind: 'alert-due', articleId: 'p4' };
  await step(writeItems(table, [noArticleInKey]));
  await step(parkMalformedDue(table, noArticleInKey, 'sk: the sort key does not end with #<articleId>', T0));
  await step(left());

  // What was sent: a shard's alerts naming a person, test alerts left out unless asked for.
  const sent = (alertId: string, people: string[], test?: true) => ({
    alertId,
    kind: 'article' as const,
    articleIds: [alertId],
    people,
    topics: [],
    ingestedAt: '2026-01-01T10:00:00.000Z',
    publishedAt: '2026-01-01T10:00:01.000Z',
    latencyMs: 1_000,
    messageId: `m-${alertId}`,
    ...(test && { test }),
  });
  // Alert ids that fall in shard 0, so one shard query sees them all.
  const inShard0 = Array.from({ length: 200 }, (_, i) => `al_${i}`).filter((a) => shardOf(a, TAG_SHARDS) === 0);
  const [bout, griner, smoke] = inShard0 as [string, string, string];
  await step(recordSent(table, sent(bout, ['viktor-bout'])));
  await step(recordSent(table, sent(griner, ['brittney-griner'])));
  await step(recordSent(table, sent(smoke, ['viktor-bout'], true)));
  const sentIds = (range: Parameters<typeof querySentShard>[3]) =>
    querySentShard(table, '2026-01-01', 0, range).then((found) => found.map((f) => f.alert.alertId).sort());
  await step(sentIds({ limit: 10 }).then((ids) => ids.length));
  await step(sentIds({ limit: 10, filter: { field: 'people', id: 'viktor-bout' } }).then((ids) => ids.length));
  await step(sentIds({ limit: 10, filter: { field: 'people', id: 'viktor-bout' }, includeTest: true }).then((ids) => ids.length));
  // A period in flight: only its claim's holder settles or puts it back, one taker takes it over, and
  // nobody moves it on meanwhile; the alert log is searched for its digest from the claim on, across days.
  await step(saveSubscription(table, { ...sub, id: 'sub2', subscriptionArn: 'arn', pending: false, createdAt: 't0', delivery: 'hourly' }));
  const period = () => getSubscription(table, 'sub2').then((s) => [s?.lastDigestAt, s?.digestInFlightFrom, s?.digestClaimedAt]);
  await step(advanceDigest(table, 'sub2', undefined, 't1', { from: 't0', claimedAt: 'c1' }));
  await step(advanceDigest(table, 'sub2', 't1', 't2'));
  await step(takeOverDigest(table, 'sub2', 'c0', 'c2'));
  await step(takeOverDigest(table, 'sub2', 'c1', 'c2'));
  await step(settleDigest(table, 'sub2', 'c1'));
  await step(putBackDigest(table, 'sub2', 'c1', 't0'));
  await step(period());
  await step(putBackDigest(table, 'sub2', 'c2', 't0'));
  await step(period());
  await step(advanceDigest(table, 'sub2', 't0', 't1', { from: 't0', claimedAt: 'c3' }));
  await step(settleDigest(table, 'sub2', 'c3'));
  await step(settleDigest(table, 'sub2', 'c3'));
  await step(period());
  await step(takeOverDigest(table, 'absent', 'c1', 'c2'));
  await step(wasLogged(table, bout, '2026-01-01T10:00:00.000Z', '2026-01-01T10:15:00.000Z'));
  await step(wasLogged(table, bout, '2026-01-01T10:00:02.000Z', '2026-01-01T10:15:00.000Z'));
  await step(wasLogged(table, bout, '2025-12-31T23:55:00.000Z', '2026-01-01T10:00:01.000Z'));
  await step(wasLogged(table, 'al_absent', '2026-01-01T10:00:00.000Z', '2026-01-01T10:15:00.000Z'));
  return results;
}

/**
 * A filtered query that pages: DynamoDB applies Limit before the filter, so a page may hold none of
 * what was asked for and the caller goes on from LastEvaluatedKey (the sweeper, behind postponed items).
 */
async function pagingScenario(table: Table): Promise<unknown[]> {
  const inShard0 = Array.from({ length: 100 }, (_, i) => `pg${i}`).filter((id) => shardOf(id, ALERT_DUE_SHARDS) === 0);
  const [postponed1, postponed2, due] = inShard0 as [string, string, string];
  const owed = (id: string, at: string) => ({ ...keys.alertDue(id, at), kind: 'alert-due', articleId: id });
  await writeItems(table, [
    owed(postponed1, '2025-06-01T10:00:00.000Z'),
    owed(postponed2, '2025-06-01T10:01:00.000Z'),
    owed(due, '2025-06-01T10:02:00.000Z'),
  ]);
  for (const [id, at] of [
    [postponed1, '2025-06-01T10:00:00.000Z'],
    [postponed2, '2025-06-01T10:01:00.000Z'],
  ] as const)
    await postponeDue(table, keys.alertDue(id, at), T0 + 10_000);
  const found = await overdueAlerts(table, '2025-12-31T00:00:00.000Z', T0, 1);
  return [found.map((a) => a.articleId), due];
}

describe('the fake table used by the handler tests', () => {
  let dataDir: string;
  let dynalite: Awaited<ReturnType<typeof startDynalite>>;
  let real: unknown[];
  let moreReal: unknown[];
  let pagingReal: unknown[];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'newswatch-fidelity-'));
    dynalite = await startDynalite(dataDir, 0);
    const client = localDynamoClient(`http://${dynalite.host}:${dynalite.port}`);
    await ensureTable(client, TABLE);
    const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
    real = await scenario({ doc, name: TABLE });
    moreReal = await moreScenario({ doc, name: TABLE });
    pagingReal = await pagingScenario({ doc, name: TABLE });
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
      { outcome: 'published', loggedAt: new Date(T0 + STALE_CLAIM_MS + 2), messageId: 'm4' },
    ]);
    const [all, since, before, between, firstPage, pageAtItsLimit] = real.slice(12) as [
      string[],
      string[],
      string[],
      string[],
      number,
      unknown,
    ];
    expect(all.map((sk) => sk.slice(-2))).toEqual(['a0', 'a1', 'a2', 'a3']);
    expect(since.map((sk) => sk.slice(-2))).toEqual(['a1', 'a2', 'a3']);
    expect(before.map((sk) => sk.slice(-2))).toEqual(['a0', 'a1']);
    expect(between.map((sk) => sk.slice(-2))).toEqual(['a0', 'a1', 'a2']);
    expect(firstPage).toBe(1);
    expect(pageAtItsLimit).toEqual([expect.any(Number), true]);
    // The watchlist's change counter: absent ('ok', no value) before seeding, then moved by each edit that changed something.
    expect(real.slice(18, 25)).toEqual(['ok', true, [0, ['brittney-griner']], false, true, false, 2]);
    expect(real.slice(25)).toEqual(['refused: ConditionalCheckFailedException', 'ok', 'w1', false, 'ok', 'none', 'ok', 'absent']);
  });

  it('runs the stories, digests, subscriptions, feeds, owed alerts and sent log scenario with every branch taken on dynalite', () => {
    const [versions, story, gains, members, digests, confirmed, feeds, owed, sent] = [
      moreReal.slice(0, 4),
      moreReal[4],
      moreReal.slice(5, 8),
      moreReal.slice(8, 10),
      moreReal.slice(10, 18),
      moreReal[18],
      moreReal.slice(19, 24),
      moreReal.slice(24, 47),
      moreReal.slice(47, 53),
    ];
    const inFlight = moreReal.slice(53);
    expect(versions).toEqual([true, false, true, false]);
    expect(story).toEqual(['second', 2]);
    // Each id is gained once per story; a retry by the same article gains it again.
    expect(gains).toEqual([['person#viktor-bout', 'topic#prisoner-exchange'], ['person#viktor-bout'], ['person#brittney-griner']]);
    // The story's own item and its gain claims share the partition; only member entries are listed.
    expect(members).toEqual(['ok', ['a1']]);
    expect(digests).toEqual([false, 'ok', true, false, true, false, 'ok', 'refused: ConditionalCheckFailedException']);
    expect(confirmed).toEqual([false, 'arn:aws:sns:us-east-1:000000000000:alerts:1', 't2']);
    expect(feeds).toEqual([true, false, false, true, false]);
    expect(owed).toEqual([
      ...['ok', 'ok', 'ok', ['o2'], ['o1', 'o2'], true, false, ['o1', 'o2']],
      // Parked once, and no longer read; after a crash between the writes, only the item is deleted,
      // and the parking that deletes it is the one that reports it.
      ...['ok', [['o1', 'o2'], ['2026-01-01T11:00:00.000Z#p1']], true, false, [['o1', 'o2'], []]],
      ...['ok', true, [['o1', 'o2'], []]],
      // Fixed before the parking's delete: still owed, and no copy left.
      ...['ok', false, [['o1', 'o2', 'p3'], []], 'none'],
      // A sort key without an article id can never be fixed: parked whatever its articleId.
      ...['ok', true, [['o1', 'o2', 'p3'], []]],
    ]);
    expect(sent).toEqual(['ok', 'ok', 'ok', 2, 1, 2]);
    expect(inFlight).toEqual([
      ...['ok', true, false, false, true, false, false, ['t1', 't0', 'c2']],
      ...[true, ['t0', undefined, undefined], true, true, false, ['t1', undefined, undefined], false],
      ...[true, false, true, false],
    ]);
  });

  it('pages a filtered query past a page the filter emptied, on dynalite', () => {
    const [found, due] = pagingReal as [string[], string];
    expect(found).toEqual([due]);
  });

  it('gives the same outcome as dynalite for every conditional write and key condition', async () => {
    const fake = fakeTable();
    try {
      const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
      expect(await scenario({ doc, name: TABLE })).toEqual(real);
      expect(await moreScenario({ doc, name: TABLE })).toEqual(moreReal);
      expect(await pagingScenario({ doc, name: TABLE })).toEqual(pagingReal);
    } finally {
      fake.ddb.restore();
    }
  });
});
