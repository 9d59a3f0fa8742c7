import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import { matchesBetween } from '../../adapters/digest-index';
import { advanceDigest, settleDigest, takeOverDigest } from '../../adapters/digest-periods';
import { wasLogged } from '../../adapters/sent-alert-repository';
import type { SnsClient } from '../../adapters/sns';
import { getSubscription, listSubscriptions, type SubscriptionRecord } from '../../adapters/subscription-repository';
import type { Table } from '../../adapters/table';
import type { DigestResultAnswer } from '../../core/api-answers';
import type { DigestDelivery } from '../../core/delivery-policy';
import { type DigestSubscription, digestIdOf, follows, type MatchEntry } from '../../core/digests/digest';
import { type Period, publishPeriod, resultOf } from './publish-period';

export interface DigestDeps {
  table: Table;
  sns: SnsClient;
  topicArn: string;
  metrics: Metrics;
  /** The whole error of a digest not published, for the function's own log (the answer names only its kind). */
  logFailure?(subscriptionId: string, error: unknown): void;
}

/** A period never reaches further back than the digest index keeps matches. */
const MAX_LOOKBACK_MS = 7 * 86_400_000;
/** Articles ingested in the last few seconds may still be in flight to the index: they go in the next digest. */
const SETTLE_MS = 5_000;
/**
 * A period in flight longer than this was left by a run that died or could not settle it: three times
 * the digest function's 5-minute timeout (POST /digests runs in the API's shorter one), so a live run
 * never loses its period, and far less than the hour between two scheduled runs.
 */
export const DIGEST_LEASE_MS = 15 * 60_000;

/** The later of two ISO-8601 UTC times (written alike, they order as strings). */
const laterOf = (a: string, b: string): string => (a > b ? a : b);

/** What became of one subscription's period: an item of `POST /digests`'s answer. */
export type DigestResult = DigestResultAnswer;

/**
 * Sends each subscription of these deliveries one digest of the stories that matched since its
 * previous digest (or since it subscribed): the digest index is read once for all of them; each
 * subscription's period is moved on with a conditional write before its message goes out, so two
 * runs at once send it once, and marked in flight until its digest is out; a failed publish moves the
 * period back for the next run, and a period left in flight (the put-back failed too, or the run died)
 * is sent by a run after the lease (resumeInFlight): nothing is lost. One
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
  // A period left in flight starts before lastDigestAt: the index is read from the earliest of them too.
  const from = subs.map((s) => laterOf(s.digestInFlightFrom ?? startOf(s), oldest)).sort()[0]!;
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
      results.push(...(await sendFor(deps, sub, s, period, matches, now)));
    } catch (error) {
      results.push(failed(deps, sub, period, error));
    }
  }
  return results;
}

/** One subscription's digests in this run: a period left in flight first (when its lease ran out), then the new one. */
async function sendFor(
  deps: DigestDeps,
  sub: DigestSubscription,
  s: SubscriptionRecord,
  period: Period,
  matches: readonly MatchEntry[],
  now: Date,
): Promise<DigestResult[]> {
  const results: DigestResult[] = [];
  const inFlight = inFlightOf(s);
  if (inFlight) {
    let left: Awaited<ReturnType<typeof resumeInFlight>>;
    try {
      left = await resumeInFlight(deps, sub, inFlight, matches, now);
    } catch (error) {
      return [failed(deps, sub, inFlight.period, error)];
    }
    results.push(left.result);
    // Still another run's (or sent again and failed): the new period waits for it.
    if (!left.done) return results;
  }
  results.push(await sendNew(deps, sub, s.lastDigestAt, period, matches, now));
  return results;
}

/** A period that could not be sent: put back (or left in flight for a later run), so the next run sends it; the others go on now. */
function failed(deps: DigestDeps, sub: DigestSubscription, period: Period, error: unknown): DigestResult {
  deps.metrics.addMetric('DigestsFailed', MetricUnit.Count, 1);
  // The answer gives the error's name only (ThrottlingException, AuthorizationError…): an AWS message can quote the
  // account and the role's ARN, which an answer to a caller must not. The whole error goes to the function's log.
  deps.logFailure?.(sub.id, error);
  const reason = error instanceof Error ? error.name : 'unknown error';
  return { ...resultOf(sub, period), failed: true, error: reason };
}

const mineOf = (sub: DigestSubscription, period: Period, matches: readonly MatchEntry[]) =>
  matches.filter((m) => m.ingestedAt >= period.start && m.ingestedAt < period.end && follows(sub, m));

/**
 * A period whose move was refused: another run moved it on since it was read (two runs at once), which
 * sends what matched or keeps it for a later run; or the subscription was deleted meanwhile. Only the
 * first, with something to send, is reported as the other run's.
 */
async function refused(deps: DigestDeps, sub: DigestSubscription, period: Period, matched: number): Promise<DigestResult> {
  if (matched === 0 || !(await getSubscription(deps.table, sub.id))) return resultOf(sub, period);
  return { ...resultOf(sub, period), otherRun: true };
}

/** The period from the previous digest to now: moved on (and marked in flight when there is something to send), then sent. */
async function sendNew(
  deps: DigestDeps,
  sub: DigestSubscription,
  previous: string | undefined,
  period: Period,
  matches: readonly MatchEntry[],
  now: Date,
): Promise<DigestResult> {
  const mine = mineOf(sub, period, matches);
  const claimedAt = now.toISOString();
  const claim = mine.length > 0 ? { from: period.start, claimedAt } : undefined;
  if (period.start >= period.end) return resultOf(sub, period);
  if (!(await advanceDigest(deps.table, sub.id, previous, period.end, claim))) return refused(deps, sub, period, mine.length);
  if (mine.length === 0) return resultOf(sub, period);
  return publishPeriod(deps, sub, period, claimedAt, mine);
}

function inFlightOf(s: SubscriptionRecord): { period: Period; claimedAt: string } | undefined {
  if (s.digestClaimedAt === undefined || s.digestInFlightFrom === undefined || s.lastDigestAt === undefined) return undefined;
  return { period: { start: s.digestInFlightFrom, end: s.digestInFlightTo ?? s.lastDigestAt }, claimedAt: s.digestClaimedAt };
}

/**
 * A period a run marked in flight and never settled: its publish failed and the put-back failed too, or
 * the run died. Within the lease it is that run's (still sending, maybe): left alone. After it, one run
 * takes it over and sends it again, unless the alert log shows its digest published (the entry is
 * written right after the publish). Sent again, it keeps its period and so its alertId: a subscriber
 * that got it before the run died (published, then neither log nor mark written) can tell it is the same.
 */
async function resumeInFlight(
  deps: DigestDeps,
  sub: DigestSubscription,
  inFlight: { period: Period; claimedAt: string },
  matches: readonly MatchEntry[],
  now: Date,
): Promise<{ result: DigestResult; done: boolean }> {
  const { period, claimedAt } = inFlight;
  const leaseEnd = Date.parse(claimedAt) + DIGEST_LEASE_MS;
  const held = { result: { ...resultOf(sub, period), inFlight: true as const }, done: false };
  if (leaseEnd > now.getTime()) return held;
  const takenAt = now.toISOString();
  if (!(await takeOverDigest(deps.table, sub.id, claimedAt, takenAt))) return held;
  const mine = mineOf(sub, period, matches);
  // From the period's end on, not from this mark's claim: a run that took the mark over and died left
  // its own claim time there, after the first run's publish and log entry.
  const published = await wasLogged(deps.table, digestIdOf(sub.id, period.end), period.end, takenAt);
  if (published || mine.length === 0) {
    return { result: resultOf(sub, period), done: await settleDigest(deps.table, sub.id, takenAt) };
  }
  deps.metrics.addMetric('DigestsResumed', MetricUnit.Count, 1);
  return { result: await publishPeriod(deps, sub, period, takenAt, mine), done: true };
}
