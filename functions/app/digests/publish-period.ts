import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { putBackDigest, settleDigest } from '../../adapters/digest-periods';
import { publishMessage } from '../../adapters/message-publisher';
import { storyRecords } from '../../adapters/story-repository';
import { sentAlert } from '../../core/alerts/sent-alert';
import { type Digest, type DigestSubscription, digestMessage, digestOf, type MatchEntry } from '../../core/digests/digest';
import { logSent } from '../alert-log';
import type { DigestDeps, DigestResult } from './send-digests';

export interface Period {
  start: string;
  end: string;
}

/** A period's result before anything is sent: no stories, not sent. */
export const resultOf = (sub: DigestSubscription, period: Period): DigestResult => ({
  subscriptionId: sub.id,
  delivery: sub.delivery,
  periodStart: period.start,
  periodEnd: period.end,
  stories: 0,
  sent: false,
});

/** A write that must not fail the run: its failure is counted, and the in-flight mark it leaves is handled by a later run. */
async function counted(deps: DigestDeps, metric: string, write: Promise<unknown>): Promise<void> {
  try {
    await write;
  } catch {
    deps.metrics.addMetric(metric, MetricUnit.Count, 1);
  }
}

/**
 * Publishes the digest of `period` (its matches `mine`, not empty), which this run marked in flight at
 * `claimedAt`, then logs it and clears the mark. Not published: the period is put back for the next run,
 * and the error thrown. A put-back that fails too (a table outage) leaves the mark, and the run that
 * finds it after the lease sends the period (send-digests.ts): it is never lost. The log entry is
 * written before the mark is cleared: a run that finds a mark whose digest is in the log sends nothing.
 */
export async function publishPeriod(
  deps: DigestDeps,
  sub: DigestSubscription,
  period: Period,
  claimedAt: string,
  mine: readonly MatchEntry[],
): Promise<DigestResult> {
  let stories: Awaited<ReturnType<typeof storyRecords>>;
  let digest: ReturnType<typeof digestOf>;
  let messageId: string | undefined;
  // Everything up to the publish: a failure here puts the period back (after the publish, nothing may: that would send twice).
  try {
    stories = (await storyRecords(deps.table, [...new Set(mine.map((m) => m.storyId))])).sort((a, b) =>
      a.lastSeenAt < b.lastSeenAt ? 1 : -1,
    );
    digest = digestOf(sub, period, stories);
    messageId = await publishMessage(deps.sns, deps.topicArn, digestMessage(digest, sub.id));
  } catch (error) {
    await counted(deps, 'DigestPutBackFailed', putBackDigest(deps.table, sub.id, claimedAt, period.start));
    throw error;
  }
  await logSent(deps.table, deps.metrics, sentAlert(logFields(digest, mine, messageId), new Date()));
  await counted(deps, 'DigestSettleFailed', settleDigest(deps.table, sub.id, claimedAt));
  deps.metrics.addMetric('DigestsPublished', MetricUnit.Count, 1);
  return { ...resultOf(sub, period), stories: stories.length, sent: true };
}

/**
 * The digest's alert-log entry: every matched article, in ingest order (an entry too large for one item
 * keeps the latest), and the people and topics the digest names: its stories' (docs/api.md), so that
 * `GET /alerts?person=` finds a digest whose story names the person though this period's articles did not.
 * The articles' own are added too: they are among their stories' anyway, and stand in for a story whose record was not found.
 */
function logFields(digest: Digest, mine: readonly MatchEntry[], messageId: string | undefined) {
  const inOrder = [...mine].sort((a, b) => (a.ingestedAt < b.ingestedAt ? -1 : a.ingestedAt > b.ingestedAt ? 1 : 0));
  const named = (of: (x: { people: string[]; topics: string[] }) => string[]) =>
    [...new Set([...digest.stories.flatMap(of), ...mine.flatMap(of)])].sort();
  return {
    alertId: digest.alertId,
    kind: 'digest' as const,
    articleIds: inOrder.map((m) => m.articleId),
    people: named((x) => x.people),
    topics: named((x) => x.topics),
    ingestedAt: inOrder.at(-1)!.ingestedAt,
    messageId: messageId ?? 'unknown',
  };
}
