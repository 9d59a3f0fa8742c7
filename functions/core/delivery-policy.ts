import { buildFilterPolicy, type FilterPolicy, TEST_ATTRIBUTE } from './filter-policy';
import type { Delivery } from './subscription-policy';

export type { Delivery };
export const DIGEST_DELIVERIES = ['hourly', 'daily'] as const;
export type DigestDelivery = (typeof DIGEST_DELIVERIES)[number];

/** Message attributes beyond `people`/`topics` that alerts carry for the filter policies below. */
export const ATTRIBUTES = {
  /** `story` or `digest`; article alerts have none (so subscriptions made before delivery modes still match only them). */
  kind: 'kind',
  /** Story alerts: the followed ids the story has just gained. */
  storyPeople: 'storyPeople',
  storyTopics: 'storyTopics',
  /** Digests: the one subscription a digest is for. */
  subscription: 'subscription',
} as const;

/**
 * A topic's score as a Number attribute, for `minScore` numeric filters: `score.<topic>` on article
 * alerts, `storyScore.<topic>` on story alerts (so an article subscription's score filter never takes a story alert).
 */
export const scoreAttribute = (topicId: string, prefix: ScorePrefix = 'score') => `${prefix}.${topicId}`;
export type ScorePrefix = 'score' | 'storyScore';

export interface DeliverySettings {
  id: string;
  delivery: Delivery;
  people: readonly string[];
  topics: readonly string[];
  minScore?: number | undefined;
}

const unique = (values: readonly string[]) => [...new Set(values)].sort();

/** Followed topics as filter branches: by id, or by a numeric score condition per topic when `minScore` is set. */
function topicBranches(topics: readonly string[], key: string, minScore: number | undefined, prefix: ScorePrefix): FilterPolicy[] {
  if (topics.length === 0) return [];
  if (minScore === undefined) return [{ [key]: unique(topics) }];
  return unique(topics).map((t) => ({ [scoreAttribute(t, prefix)]: [{ numeric: ['>=', minScore] }] }));
}

function either(branches: FilterPolicy[]): FilterPolicy {
  return branches.length === 1 ? branches[0]! : { $or: branches };
}

/**
 * The SNS filter policy for a subscription and its delivery mode:
 * - `article`: alerts naming a followed person or topic (topics at or above `minScore` when set); following
 *   nothing = every article alert except test alerts.
 * - `story`: story alerts whose newly gained ids include a followed one.
 * - `hourly` / `daily`: only the digests addressed to this subscription.
 */
export function deliveryFilterPolicy(s: DeliverySettings): FilterPolicy {
  if (s.delivery === 'hourly' || s.delivery === 'daily') return { [ATTRIBUTES.kind]: ['digest'], [ATTRIBUTES.subscription]: [s.id] };
  if (s.delivery === 'article') {
    if (s.people.length + s.topics.length === 0) return { [TEST_ATTRIBUTE]: [{ exists: false }], [ATTRIBUTES.kind]: [{ exists: false }] };
    if (s.minScore === undefined) return buildFilterPolicy(s.people, s.topics);
    return either([...(s.people.length ? [{ people: unique(s.people) }] : []), ...topicBranches(s.topics, 'topics', s.minScore, 'score')]);
  }
  const followed = [
    ...(s.people.length ? [{ [ATTRIBUTES.storyPeople]: unique(s.people) }] : []),
    ...topicBranches(s.topics, ATTRIBUTES.storyTopics, s.minScore, 'storyScore'),
  ];
  if (followed.length === 0) return { [ATTRIBUTES.kind]: ['story'] };
  return { [ATTRIBUTES.kind]: ['story'], ...(followed.length === 1 ? followed[0] : { $or: followed }) };
}

/** SNS allows 10 message attributes: alertId, people, topics and test leave room for this many topic scores. */
export const MAX_SCORE_ATTRIBUTES = 6;

/** `score.<topic>` Number attributes, highest scores first (a topic beyond the limit cannot pass a `minScore` filter). */
export function scoreAttributes(
  scores: Record<string, number>,
  prefix: ScorePrefix = 'score',
): Record<string, { DataType: string; StringValue: string }> {
  return Object.fromEntries(
    Object.entries(scores)
      .sort(([, a], [, b]) => b - a)
      .slice(0, MAX_SCORE_ATTRIBUTES)
      .map(([topic, score]) => [scoreAttribute(topic, prefix), { DataType: 'Number', StringValue: String(score) }]),
  );
}
