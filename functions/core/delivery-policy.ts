import { buildFilterPolicy, type FilterPolicy, SNS_MAX_FILTER_KEYS, TEST_ATTRIBUTE } from './filter-policy';
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
export type ScorePrefix = 'score' | 'storyScore' | 'storyScoreBefore';

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

/**
 * A story subscription's topics: gained ids, or, with `minScore`, the alert whose article takes the topic's
 * best score in the story across the bar (`storyScore` at or above it, `storyScoreBefore` below it), once.
 */
function storyTopicBranches(topics: readonly string[], minScore: number | undefined, crossing: boolean): FilterPolicy[] {
  if (topics.length === 0) return [];
  if (minScore === undefined) return [{ [ATTRIBUTES.storyTopics]: unique(topics) }];
  if (!crossing) return topicBranches(topics, ATTRIBUTES.storyTopics, minScore, 'storyScore');
  return unique(topics).map((t) => ({
    [scoreAttribute(t, 'storyScore')]: [{ numeric: ['>=', minScore] }],
    [scoreAttribute(t, 'storyScoreBefore')]: [{ numeric: ['<', minScore] }],
  }));
}

function either(branches: FilterPolicy[]): FilterPolicy {
  return branches.length === 1 ? branches[0]! : { $or: branches };
}

/**
 * The SNS filter policy for a subscription and its delivery mode:
 * - `article`: alerts naming a followed person or topic (topics at or above `minScore` when set); following
 *   nothing = every article alert except test alerts.
 * - `story`: story alerts whose newly gained ids include a followed one (a followed topic, with `minScore`:
 *   whose best score in the story has just reached it).
 * - `hourly` / `daily`: only the digests addressed to this subscription.
 */
export function deliveryFilterPolicy(s: DeliverySettings): FilterPolicy {
  if (s.delivery === 'hourly' || s.delivery === 'daily') return { [ATTRIBUTES.kind]: ['digest'], [ATTRIBUTES.subscription]: [s.id] };
  if (s.delivery === 'article') {
    if (s.people.length + s.topics.length === 0) return { [TEST_ATTRIBUTE]: [{ exists: false }], [ATTRIBUTES.kind]: [{ exists: false }] };
    if (s.minScore === undefined) return buildFilterPolicy(s.people, s.topics);
    return either([...(s.people.length ? [{ people: unique(s.people) }] : []), ...topicBranches(s.topics, 'topics', s.minScore, 'score')]);
  }
  // A topic followed by its crossing takes two attribute keys; SNS allows five in all (kind, storyPeople and the topics').
  // Past that, topics are followed as before: by the score of the article that first brought each (docs/stories.md).
  const topicKeys = new Set(s.topics).size * 2;
  const crossing = s.minScore !== undefined && 1 + (s.people.length > 0 ? 1 : 0) + topicKeys <= SNS_MAX_FILTER_KEYS;
  const followed = [
    ...(s.people.length ? [{ [ATTRIBUTES.storyPeople]: unique(s.people) }] : []),
    ...storyTopicBranches(s.topics, s.minScore, crossing),
  ];
  if (followed.length === 0) return { [ATTRIBUTES.kind]: ['story'] };
  // Only a subscription that follows topics by their crossing takes the alerts that only raise a topic's score.
  const kinds = crossing && s.topics.length > 0 ? ['story', 'story-raise'] : ['story'];
  return { [ATTRIBUTES.kind]: kinds, ...(followed.length === 1 ? followed[0] : { $or: followed }) };
}

/** SNS allows 10 message attributes: alertId, people, topics and test leave room for this many topic scores. */
export const MAX_SCORE_ATTRIBUTES = 6;
/** A story alert's scores go in pairs (score, best before), beside alertId, kind, storyPeople and storyTopics. */
export const MAX_STORY_SCORES = 3;
/** `storyScoreBefore.<topic>` of a topic the story did not have: below every score and every `minScore`. */
export const NO_SCORE = -1;

/**
 * A story alert's `storyScore.<topic>` (the article's score) and `storyScoreBefore.<topic>` (the story's
 * best before it) per gained or raised topic, highest scores first, at most MAX_STORY_SCORES topics.
 */
export function storyScoreAttributes(
  scores: Record<string, number>,
  before: Record<string, number>,
): Record<string, { DataType: string; StringValue: string }> {
  const number = (value: number) => ({ DataType: 'Number', StringValue: String(value) });
  return Object.fromEntries(
    Object.entries(scores)
      .sort(([, a], [, b]) => b - a)
      .slice(0, MAX_STORY_SCORES)
      .flatMap(([topic, score]) => [
        [scoreAttribute(topic, 'storyScore'), number(score)],
        [scoreAttribute(topic, 'storyScoreBefore'), number(before[topic] ?? NO_SCORE)],
      ]),
  );
}

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
