import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import { advanceDigest, matchesBetween } from '../../adapters/digest-index';
import { publishMessage } from '../../adapters/message-publisher';
import type { SnsClient } from '../../adapters/sns';
import { storyRecords } from '../../adapters/story-repository';
import { listSubscriptions, type SubscriptionRecord } from '../../adapters/subscription-repository';
import type { Table } from '../../adapters/table';
import { sentAlert } from '../../core/alerts/sent-alert';
import type { StoryRecord } from '../../core/stories/story';
import type { DigestDelivery } from '../../core/delivery-policy';
import { type DigestSubscription, digestMessage, digestOf, follows, type MatchEntry } from '../../core/digests/digest';
import { logSent } from '../alert-log';

export interface DigestDeps {
  table: Table;
  sns: SnsClient;
  topicArn: string;
  metrics: Metrics;
}

/** A period never reaches further back than the digest index keeps matches. */
const MAX_LOOKBACK_MS = 7 * 86_400_000;
/** Articles ingested in the last few seconds may still be in flight to the index: they go in the next digest. */
const SETTLE_MS = 5_000;

/** The later of two ISO-8601 UTC times (written alike, they order as strings). */
const laterOf = (a: string, b: string): string => (a > b ? a : b);

export interface DigestResult {
  subscriptionId: string;
  delivery: DigestDelivery;
  periodStart: string;
  periodEnd: string;
  stories: number;
  /** False when nothing matched (no message) or another run sent this period first. */
  sent: boolean;
  /** Set when this subscription's digest could not be sent (its period was put back: the next run sends it). */
  failed?: true;
  /** Why it failed (the error's name and message; never the message body or endpoint). */
  error?: string;
}

/**
 * Sends each subscription of these deliveries one digest of the stories that matched since its
 * previous digest (or since it subscribed): the digest index is read once for all of them; each
 * subscription's period is moved on with a conditional write before its message goes out, so two
 * runs at once send it once; a failed publish moves the period back for the next run. One
 * subscription's failure (e.g. SNS throttling) is reported in its result and the run goes on with the
 * others: it never holds back their digests.
 */
export async function sendDigests(
  deps: DigestDeps,
  deliveries: readonly DigestDelivery[],
  now: Date = new Date(),
): Promise<DigestResult[]> {
  const periodEnd = new Date(now.getTime() - SETTLE_MS).toISOString();
  const wanted = (s: SubscriptionRecord): s is SubscriptionRecord & { delivery: DigestDelivery } =>
    (deliveries as readonly string[]).includes(s.delivery);
  const subs = (await listSubscriptions(deps.table)).filter(wanted);
  if (subs.length === 0) return [];
  const oldest = new Date(now.getTime() - MAX_LOOKBACK_MS).toISOString();
  const startOf = (s: { lastDigestAt?: string; createdAt: string }) => laterOf(s.lastDigestAt ?? s.createdAt, oldest);
  const from = subs.map(startOf).sort()[0]!;
  const matches = from < periodEnd ? await matchesBetween(deps.table, from, periodEnd) : [];
  const results: DigestResult[] = [];
  for (const s of subs) {
    const sub: DigestSubscription = {
      id: s.id,
      delivery: s.delivery,
      people: s.people,
      topics: s.topics,
      minScore: s.minScore,
    };
    // A subscription made in the last few seconds has nothing settled yet: an empty period, not one ending before it starts.
    const start = startOf(s);
    const period = { start, end: laterOf(start, periodEnd) };
    try {
      results.push(await sendOne(deps, sub, s.lastDigestAt, period, matches));
    } catch (error) {
      // sendOne put the period back: the next run sends this one; the others go on now.
      deps.metrics.addMetric('DigestsFailed', MetricUnit.Count, 1);
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      const { id: subscriptionId, delivery } = sub;
      results.push({
        subscriptionId,
        delivery,
        periodStart: start,
        periodEnd: period.end,
        stories: 0,
        sent: false,
        failed: true,
        error: reason,
      });
    }
  }
  return results;
}

async function sendOne(
  deps: DigestDeps,
  sub: DigestSubscription,
  previous: string | undefined,
  period: { start: string; end: string },
  matches: readonly MatchEntry[],
): Promise<DigestResult> {
  const mine = matches.filter((m) => m.ingestedAt >= period.start && m.ingestedAt < period.end && follows(sub, m));
  const result = { subscriptionId: sub.id, delivery: sub.delivery, periodStart: period.start, periodEnd: period.end };
  if (period.start >= period.end || !(await advanceDigest(deps.table, sub.id, previous, period.end)))
    return { ...result, stories: 0, sent: false };
  if (mine.length === 0) return { ...result, stories: 0, sent: false };
  let stories: StoryRecord[];
  let digest: ReturnType<typeof digestOf>;
  let messageId: string | undefined;
  // Everything between moving the period on and the publish: a failure here puts the period back, so
  // the next run sends these stories (after the publish, nothing may put it back: that would send twice).
  try {
    stories = (await storyRecords(deps.table, [...new Set(mine.map((m) => m.storyId))])).sort((a, b) =>
      a.lastSeenAt < b.lastSeenAt ? 1 : -1,
    );
    digest = digestOf(sub, period, stories);
    messageId = await publishMessage(deps.sns, deps.topicArn, digestMessage(digest, sub.id));
  } catch (error) {
    await advanceDigest(deps.table, sub.id, period.end, previous ?? period.start);
    throw error;
  }
  // In ingest order: an entry too large for one table item keeps the latest ids (fitArticleIds).
  const inOrder = [...mine].sort((a, b) => (a.ingestedAt < b.ingestedAt ? -1 : a.ingestedAt > b.ingestedAt ? 1 : 0));
  const fields = {
    alertId: digest.alertId,
    kind: 'digest' as const,
    articleIds: inOrder.map((m) => m.articleId),
    people: [...new Set(mine.flatMap((m) => m.people))].sort(),
    topics: [...new Set(mine.flatMap((m) => m.topics))].sort(),
    ingestedAt: inOrder.at(-1)!.ingestedAt,
    messageId: messageId ?? 'unknown',
  };
  await logSent(deps.table, deps.metrics, sentAlert(fields, new Date()));
  deps.metrics.addMetric('DigestsPublished', MetricUnit.Count, 1);
  return { ...result, stories: stories.length, sent: true };
}
