import { FilterPolicyTooLarge } from './errors';

// SNS filter policies for alert subscriptions, apart from the subscription schemas
// (subscription-policy.ts): ingest, the alert dispatcher and the other functions that only mark alerts
// or build policies import this without building those schemas at every cold start
// (docs/benchmarks.md, "Lambda cold start").

export type FilterPolicy = Record<string, unknown>;

/** The message attribute on the alert of a test article (`newswatch smoke`). */
export const TEST_ATTRIBUTE = 'test';

/**
 * The SNS filter policy (scope MessageAttributes) for a subscription: an alert matches when it names
 * any followed person OR any followed topic. A subscription that follows nothing gets every alert
 * except test alerts (no `test` attribute): a smoke test never reaches it. A followed-people/topics
 * subscription needs no such clause: a test article names only a made-up person of its own.
 */
export function buildFilterPolicy(people: readonly string[] = [], topics: readonly string[] = []): FilterPolicy {
  const branches: FilterPolicy[] = [
    ...(people.length ? [{ people: unique(people) }] : []),
    ...(topics.length ? [{ topics: unique(topics) }] : []),
  ];
  if (branches.length === 0) return { [TEST_ATTRIBUTE]: [{ exists: false }] };
  return branches.length === 1 ? branches[0]! : { $or: branches };
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

export const SNS_MAX_FILTER_KEYS = 5;
export const SNS_MAX_FILTER_COMBINATIONS = 150;

/** SNS's own limits, checked before calling it so the user gets a clear 400 instead of an SDK error. */
export function checkFilterPolicyLimits(policy: FilterPolicy | undefined): void {
  if (!policy) return;
  const branches = Array.isArray(policy.$or) ? (policy.$or as FilterPolicy[]) : [policy];
  const top = Object.keys(policy).filter((k) => k !== '$or' || !Array.isArray(policy.$or));
  const keys = new Set([...top.filter((k) => k !== '$or'), ...branches.flatMap((b) => Object.keys(b))]);
  if (keys.size > SNS_MAX_FILTER_KEYS) {
    // Only `minScore` makes keys of topics (one per followed topic): the other keys are people, topics and the alert kind.
    throw new FilterPolicyTooLarge(
      `Too many topics followed with minScore: each is a filter key of its own, and SNS allows ${SNS_MAX_FILTER_KEYS} keys in one subscription (the followed people take one, a story subscription's alert kind one; this one would use ${keys.size}). Follow the other topics in another subscription.`,
      [{ path: 'topics', message: `too many with minScore: at most ${SNS_MAX_FILTER_KEYS} filter keys, and this would use ${keys.size}` }],
    );
  }
  const product = (entries: [string, unknown][]) => entries.reduce((p: number, [, v]) => p * valueCount(v), 1);
  // Keys beside `$or` count in every one of its branches (AWS multiplies them in).
  const outside = Array.isArray(policy.$or) ? product(Object.entries(policy).filter(([k]) => k !== '$or')) : 1;
  const combinations = outside * branches.reduce((sum, b) => sum + product(Object.entries(b)), 0);
  if (combinations > SNS_MAX_FILTER_COMBINATIONS) {
    throw new FilterPolicyTooLarge(
      `Following ${combinations} people and topics in one subscription exceeds SNS's limit of ${SNS_MAX_FILTER_COMBINATIONS} filter values; split it into several subscriptions.`,
      [{ path: 'people', message: `at most ${SNS_MAX_FILTER_COMBINATIONS} people and topics together` }],
    );
  }
}

function valueCount(value: unknown): number {
  return Array.isArray(value) ? value.length : 1;
}

/** Whether a policy keeps within SNS's limits (checkFilterPolicyLimits would take it). */
export function fitsSnsLimits(policy: FilterPolicy): boolean {
  try {
    checkFilterPolicyLimits(policy);
    return true;
  } catch (error) {
    if (error instanceof FilterPolicyTooLarge) return false;
    throw error;
  }
}
