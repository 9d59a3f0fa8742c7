/**
 * A digest period is moved on before its digest is published (so two runs send it once). These tests
 * inject a table outage at the worst moments of a run: the period must be neither lost nor sent twice.
 */
import { Metrics } from '@aws-lambda-powertools/metrics';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { getSubscription } from '../../../functions/adapters/subscription-repository';
import type { Table } from '../../../functions/adapters/table';
import { keys } from '../../../functions/adapters/table-keys';
import { DIGEST_LEASE_MS, sendDigests } from '../../../functions/app/digests/send-digests';
import { digestIdOf } from '../../../functions/core/digests/digest';
import { fakeTable } from '../handlers/support/fake-table';
import { fakeSns, matchGriner, type PublishedDigest, subscribeDigest, TOPIC } from './support/digest-fixtures';

const fake = fakeTable();
const table: Table = { doc: DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' })), name: 'newswatch' };
const MINUTE_MS = 60_000;
const SETTLE_MS = 5_000;
const SUB = 'sub_griner';
// Near the real clock: the alert log is written at the real time of the publish.
const RUN_AT = new Date(Math.floor(Date.now() / MINUTE_MS) * MINUTE_MS);
const at = (minutes: number) => new Date(RUN_AT.getTime() + minutes * MINUTE_MS);
const AFTER_LEASE = DIGEST_LEASE_MS / MINUTE_MS + 1;
const outage = () => Object.assign(new Error('Service unavailable'), { name: 'ServiceUnavailable' });
/** The first run's period: from the subscription to the run, less the few seconds left for the next. */
const FIRST_PERIOD_END = new Date(RUN_AT.getTime() - SETTLE_MS).toISOString();

let published: PublishedDigest[];
const deps = (sns = fakeSns(published)) => ({ table, sns, topicArn: TOPIC, metrics: new Metrics() });
/** SNS refuses the publish, and the table goes down with it (the put-back is refused). */
const publishFailsAndTableGoesDown = () =>
  fakeSns(published, () => {
    fake.failWritesWhile(outage);
    return 'fail';
  });

beforeEach(async () => {
  fake.reset();
  published = [];
  await subscribeDigest(table, SUB, at(-50).toISOString());
  await matchGriner(table, 'art-1', at(-30).toISOString());
});

describe('a digest period in flight', () => {
  it('is sent by the first run after the lease when its publish failed and the table refused to put it back', async () => {
    // Prepare
    const failingThenDown = publishFailsAndTableGoesDown();

    // Act
    const failed = await sendDigests(deps(failingThenDown), ['hourly'], RUN_AT);
    fake.failWritesWhile(() => undefined);
    const withinLease = await sendDigests(deps(), ['hourly'], at(1));
    const afterLease = await sendDigests(deps(), ['hourly'], at(AFTER_LEASE));
    const later = await sendDigests(deps(), ['hourly'], at(AFTER_LEASE + 60));

    // Assess
    expect(failed).toMatchObject([{ sent: false, failed: true }]);
    expect(withinLease.some((r) => r.sent)).toBe(false);
    expect(afterLease.filter((r) => r.sent)).toMatchObject([{ periodStart: at(-50).toISOString(), periodEnd: FIRST_PERIOD_END }]);
    expect(later.some((r) => r.sent)).toBe(false);
    expect(published).toEqual([{ subscriptionId: SUB, alertId: digestIdOf(SUB, FIRST_PERIOD_END) }]);
  });

  it('is sent as it was claimed after code from before the mark moved the period on past it (a rollback)', async () => {
    const failingThenDown = publishFailsAndTableGoesDown();
    await sendDigests(deps(failingThenDown), ['hourly'], RUN_AT);
    fake.failWritesWhile(() => undefined);
    // What the code before the mark does: lastDigestAt moved on, the mark neither read nor cleared.
    await table.doc.send(
      new UpdateCommand({
        TableName: table.name,
        Key: keys.subscription(SUB),
        UpdateExpression: 'SET lastDigestAt = :next',
        ExpressionAttributeValues: { ':next': at(5).toISOString() },
      }),
    );

    const afterLease = await sendDigests(deps(), ['hourly'], at(AFTER_LEASE));

    expect(afterLease.filter((r) => r.sent)).toMatchObject([{ periodStart: at(-50).toISOString(), periodEnd: FIRST_PERIOD_END }]);
    expect(published[0]).toEqual({ subscriptionId: SUB, alertId: digestIdOf(SUB, FIRST_PERIOD_END) });
  });

  it('is reported in flight, not as an empty period, by a run within the lease, and the new period waits', async () => {
    const failingThenDown = publishFailsAndTableGoesDown();
    await sendDigests(deps(failingThenDown), ['hourly'], RUN_AT);
    fake.failWritesWhile(() => undefined);

    const withinLease = await sendDigests(deps(), ['hourly'], at(1));

    expect(withinLease).toEqual([
      {
        subscriptionId: SUB,
        delivery: 'hourly',
        periodStart: at(-50).toISOString(),
        periodEnd: FIRST_PERIOD_END,
        stories: 0,
        sent: false,
        inFlight: true,
      },
    ]);
  });

  it('is sent again under the same alertId when the table went down right after the publish (neither logged nor settled)', async () => {
    const publishedThenDown = fakeSns(published, () => {
      fake.failWritesWhile(outage);
      return 'ok';
    });

    await sendDigests(deps(publishedThenDown), ['hourly'], RUN_AT);
    fake.failWritesWhile(() => undefined);
    await sendDigests(deps(), ['hourly'], at(AFTER_LEASE));
    await sendDigests(deps(), ['hourly'], at(AFTER_LEASE + 60));

    const sameDigest = { subscriptionId: SUB, alertId: digestIdOf(SUB, FIRST_PERIOD_END) };
    expect(published).toEqual([sameDigest, sameDigest]);
  });

  it('is not sent again when its digest is in the alert log though the in-flight mark could not be cleared', async () => {
    fake.failWritesWhile((command, input) => (command === 'update' && input.UpdateExpression.startsWith('REMOVE') ? outage() : undefined));

    const first = await sendDigests(deps(), ['hourly'], RUN_AT);
    fake.failWritesWhile(() => undefined);
    const afterLease = await sendDigests(deps(), ['hourly'], at(AFTER_LEASE));
    await matchGriner(table, 'art-2', at(AFTER_LEASE + 10).toISOString());
    const next = await sendDigests(deps(), ['hourly'], at(AFTER_LEASE + 60));

    expect(first.filter((r) => r.sent)).toHaveLength(1);
    expect(afterLease.some((r) => r.sent)).toBe(false);
    // The run after the lease settled the first period and moved on to its own end (nothing new had matched).
    expect(next.filter((r) => r.sent)).toMatchObject([{ periodStart: new Date(at(AFTER_LEASE).getTime() - SETTLE_MS).toISOString() }]);
    expect(published.map((d) => d.alertId)).toEqual([
      digestIdOf(SUB, FIRST_PERIOD_END),
      digestIdOf(SUB, new Date(at(AFTER_LEASE + 60).getTime() - SETTLE_MS).toISOString()),
    ]);
    expect((await getSubscription(table, SUB))?.digestClaimedAt).toBeUndefined();
  });

  it('is not sent again when its digest is in the alert log and a run that took the mark over could not clear it either', async () => {
    fake.failWritesWhile((command, input) => (command === 'update' && input.UpdateExpression.startsWith('REMOVE') ? outage() : undefined));

    await sendDigests(deps(), ['hourly'], RUN_AT);
    const tookOver = await sendDigests(deps(), ['hourly'], at(AFTER_LEASE));
    fake.failWritesWhile(() => undefined);
    const afterSecondLease = await sendDigests(deps(), ['hourly'], at(2 * AFTER_LEASE));

    expect(tookOver).toMatchObject([{ periodEnd: FIRST_PERIOD_END, failed: true }]);
    expect(afterSecondLease.some((r) => r.sent)).toBe(false);
    expect(published).toEqual([{ subscriptionId: SUB, alertId: digestIdOf(SUB, FIRST_PERIOD_END) }]);
    expect((await getSubscription(table, SUB))?.digestClaimedAt).toBeUndefined();
  });

  it('is reported under its own period when sending it again fails, and put back for the next run', async () => {
    let snsDown = true;
    const failingThenDown = publishFailsAndTableGoesDown();
    await sendDigests(deps(failingThenDown), ['hourly'], RUN_AT);
    fake.failWritesWhile(() => undefined);
    const stillFailing = fakeSns(published, () => (snsDown ? 'fail' : 'ok'));

    const resumed = await sendDigests(deps(stillFailing), ['hourly'], at(AFTER_LEASE));
    snsDown = false;
    const next = await sendDigests(deps(stillFailing), ['hourly'], at(AFTER_LEASE + 1));

    expect(resumed).toMatchObject([{ periodStart: at(-50).toISOString(), periodEnd: FIRST_PERIOD_END, sent: false, failed: true }]);
    expect(next.filter((r) => r.sent)).toMatchObject([{ periodStart: at(-50).toISOString() }]);
    expect(published).toHaveLength(1);
  });

  it('is sent once when two runs start at the same moment', async () => {
    const runs = await Promise.all([sendDigests(deps(), ['hourly'], RUN_AT), sendDigests(deps(), ['hourly'], RUN_AT)]);

    expect(runs.flat().filter((r) => r.sent)).toHaveLength(1);
    expect(published).toHaveLength(1);
  });
});
