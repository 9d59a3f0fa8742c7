import { Metrics } from '@aws-lambda-powertools/metrics';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import type { SnsClient } from '../../../functions/adapters/sns';
import { putStoryIfVersion } from '../../../functions/adapters/story-repository';
import { listSubscriptions } from '../../../functions/adapters/subscription-repository';
import type { Table } from '../../../functions/adapters/table';
import { listAlerts } from '../../../functions/app/alert-list';
import { sendDigests } from '../../../functions/app/digests/send-digests';
import { storyFeatures } from '../../../functions/core/stories/features';
import { withMember } from '../../../functions/core/stories/membership';
import { fakeTable } from '../handlers/support/fake-table';
import { fakeSns, matchGriner, type PublishedDigest, subscribeDigest, TOPIC } from './support/digest-fixtures';

const SUBSCRIBED_AT = '2026-11-30T09:31:07.189Z';
const unusedSns = {} as SnsClient;
// The fake answers every document client's commands from one in-memory table.
fakeTable();
const table: Table = { doc: DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' })), name: 'newswatch' };

describe('digest periods', () => {
  it('reports an empty period, never one that ends before it starts, for a subscription made seconds ago', async () => {
    await subscribeDigest(table, 'sub_new', SUBSCRIBED_AT, { people: ['viktor-bout'] });
    const oneSecondLater = new Date(Date.parse(SUBSCRIBED_AT) + 1_000);

    const [result] = await sendDigests(
      { table, sns: unusedSns, topicArn: 'arn:aws:sns:us-east-1:000000000000:alerts', metrics: new Metrics() },
      ['hourly'],
      oneSecondLater,
    );

    expect(result).toEqual({
      subscriptionId: 'sub_new',
      delivery: 'hourly',
      periodStart: SUBSCRIBED_AT,
      periodEnd: SUBSCRIBED_AT,
      stories: 0,
      sent: false,
    });
  });
});

const MATCHED_AT = '2026-11-30T10:15:00.000Z';
const RUN_AT = new Date('2026-11-30T11:00:00.000Z');

describe('a digest that fails to publish', () => {
  it('holds back no other subscription, and is sent once by the next run with its period kept', async () => {
    for (const id of ['sub_alpha', 'sub_bravo', 'sub_charlie']) await subscribeDigest(table, id, '2026-11-30T10:00:00.000Z');
    await matchGriner(table, 'art-1', MATCHED_AT);
    const published: PublishedDigest[] = [];
    const failing = new Set(['sub_alpha']);
    const sns = fakeSns(published, (d) => (failing.has(d.subscriptionId) ? 'fail' : 'ok'));
    const logged: [string, unknown][] = [];
    const deps = {
      table,
      sns,
      topicArn: TOPIC,
      metrics: new Metrics(),
      logFailure: (id: string, error: unknown) => logged.push([id, error]),
    };

    const first = await sendDigests(deps, ['hourly'], RUN_AT);
    const periodAfterFailure = (await listSubscriptions(table)).find((s) => s.id === 'sub_alpha')?.lastDigestAt;
    failing.clear();
    const second = await sendDigests(deps, ['hourly'], new Date(RUN_AT.getTime() + 60_000));

    expect(
      published
        .slice(0, 2)
        .map((d) => d.subscriptionId)
        .sort(),
    ).toEqual(['sub_bravo', 'sub_charlie']);
    expect(first.find((r) => r.subscriptionId === 'sub_alpha')).toMatchObject({
      sent: false,
      failed: true,
      error: 'ThrottledException',
    });
    // The answer names the error's kind; the function's log gets all of it.
    expect(logged).toEqual([['sub_alpha', expect.objectContaining({ name: 'ThrottledException', message: 'Rate exceeded' })]]);
    expect(periodAfterFailure).toBe('2026-11-30T10:00:00.000Z');
    expect(second.filter((r) => r.sent).map((r) => r.subscriptionId)).toEqual(['sub_alpha']);
    expect(published).toHaveLength(3);
  });
});

describe("a digest's alert-log entry", () => {
  it('lists its articles in ingest order, whichever index shard each came from (a cut entry keeps the latest)', async () => {
    // Prepare: the later article in the shard read first; a daily subscriber, apart from the hourly ones above.
    // After the hourly subscribers' article above (the table is shared): this period holds only the two below.
    await subscribeDigest(table, 'sub_daily', '2026-11-30T10:16:00.000Z', { delivery: 'daily' });
    await matchGriner(table, 'art-late', '2026-11-30T10:40:00.000Z', 0);
    await matchGriner(table, 'art-early', '2026-11-30T10:20:00.000Z', 3);
    const deps = { table, sns: fakeSns([]), topicArn: TOPIC, metrics: new Metrics() };

    // Act
    await sendDigests(deps, ['daily'], RUN_AT);
    const { items } = await listAlerts(table, {}, new Date());

    // Assess
    const entry = items.find((a) => a.kind === 'digest' && a.articleIds.includes('art-late'));
    expect(entry).toMatchObject({ articleIds: ['art-early', 'art-late'], ingestedAt: '2026-11-30T10:40:00.000Z' });
  });

  it("names its stories' people and topics, not only those of this period's articles", async () => {
    // Prepare: the story of this period's article (naming only Griner) named Viktor Bout and an exchange before.
    const earlier = {
      id: 'art-before',
      body: 'Viktor Bout and Brittney Griner were exchanged.',
      publishedAt: '2026-11-29T10:00:00.000Z',
      people: ['viktor-bout', 'brittney-griner'],
      topics: ['prisoner-exchange'],
    };
    await putStoryIfVersion(table, withMember(undefined, 'story-art-named', earlier, storyFeatures(earlier)), 0);
    await subscribeDigest(table, 'sub_named', '2026-11-30T11:00:00.000Z', { delivery: 'daily' });
    await matchGriner(table, 'art-named', '2026-11-30T11:30:00.000Z');
    const deps = { table, sns: fakeSns([]), topicArn: TOPIC, metrics: new Metrics() };

    // Act
    await sendDigests(deps, ['daily'], new Date('2026-11-30T12:00:00.000Z'));
    const { items } = await listAlerts(table, { person: 'viktor-bout' }, new Date());

    // Assess
    const entry = items.find((a) => a.kind === 'digest' && a.articleIds.includes('art-named'));
    expect(entry).toMatchObject({ people: ['brittney-griner', 'viktor-bout'], topics: ['prisoner-exchange'] });
  });

  it('sends a period once when two runs start together, and the second names the other run instead of nothing to send', async () => {
    await subscribeDigest(table, 'sub_race', '2026-11-30T12:30:00.000Z', { delivery: 'daily' });
    await matchGriner(table, 'art-race', '2026-11-30T12:40:00.000Z');
    const published: PublishedDigest[] = [];
    const deps = { table, sns: fakeSns(published), topicArn: TOPIC, metrics: new Metrics() };
    const at = new Date('2026-11-30T13:00:00.000Z');

    const runs = await Promise.all([sendDigests(deps, ['daily'], at), sendDigests(deps, ['daily'], at)]);

    const race = runs.flat().filter((r) => r.subscriptionId === 'sub_race');
    expect(published.filter((d) => d.subscriptionId === 'sub_race')).toHaveLength(1);
    expect(race.map((r) => [r.sent, r.otherRun ?? false]).sort()).toEqual([
      [false, true],
      [true, false],
    ]);
  });

  it('says nothing of another run when two runs start together and nothing matched', async () => {
    await subscribeDigest(table, 'sub_quiet_race', '2026-11-30T13:30:00.000Z', { delivery: 'daily', people: ['nobody-matched'] });
    const deps = { table, sns: fakeSns([]), topicArn: TOPIC, metrics: new Metrics() };
    const at = new Date('2026-11-30T14:00:00.000Z');

    const runs = await Promise.all([sendDigests(deps, ['daily'], at), sendDigests(deps, ['daily'], at)]);

    const race = runs.flat().filter((r) => r.subscriptionId === 'sub_quiet_race');
    expect(race).toHaveLength(2);
    expect(race.map((r) => [r.sent, r.otherRun ?? false])).toEqual([
      [false, false],
      [false, false],
    ]);
  });
});
