import { buildFilterPolicy, type FilterPolicy, fitsSnsLimits, TEST_ATTRIBUTE } from './filter-policy';
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
export type ScorePrefix = 'score' | 'storyScore' | 'storyBest' | 'storyBestBefore';

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
 * best score in the story across the bar (`storyBest` at or above it, `storyBestBefore` below it), once.
 */
function storyTopicBranches(topics: readonly string[], minScore: number | undefined, crossing: boolean): FilterPolicy[] {
  if (topics.length === 0) return [];
  if (minScore === undefined) return [{ [ATTRIBUTES.storyTopics]: unique(topics) }];
  if (!crossing) return topicBranches(topics, ATTRIBUTES.storyTopics, minScore, 'storyScore');
  return unique(topics).map((t) => ({
    [scoreAttribute(t, 'storyBest')]: [{ numeric: ['>=', minScore] }],
    [scoreAttribute(t, 'storyBestBefore')]: [{ numeric: ['<', minScore] }],
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
  // Topics followed by their crossing: two attribute keys each, and a second kind. Past SNS's limits (five
  // keys, 150 combinations), topics are followed as before: by the score of the article that first brought each.
  const crossing = s.minScore !== undefined && s.topics.length > 0 ? storyPolicy(s, true) : undefined;
  return crossing && fitsSnsLimits(crossing) ? crossing : storyPolicy(s, false);
}

function storyPolicy(s: DeliverySettings, crossing: boolean): FilterPolicy {
  const followed = [
    ...(s.people.length ? [{ [ATTRIBUTES.storyPeople]: unique(s.people) }] : []),
    ...storyTopicBranches(s.topics, s.minScore, crossing),
  ];
  if (followed.length === 0) return { [ATTRIBUTES.kind]: ['story'] };
  // Only a subscription that follows topics by their crossing takes the alerts that only raise a topic's score.
  const kinds = crossing ? ['story', 'story-raise'] : ['story'];
  return { [ATTRIBUTES.kind]: kinds, ...(followed.length === 1 ? followed[0] : { $or: followed }) };
}

/** SNS allows 10 message attributes: alertId, people, topics and test leave room for this many topic scores. */
export const MAX_SCORE_ATTRIBUTES = 6;
/** A story alert's room for scores, beside alertId, kind, storyPeople and storyTopics (SNS allows 10 attributes). */
const STORY_SCORE_ROOM = 6;
/** `storyBestBefore.<topic>` of a topic the story did not have: below every score and every `minScore`. */
export const NO_SCORE = -1;

/**
 * A story alert's topic scores. A gained topic carries `storyScore.<topic>` (what subscriptions made
 * before score raises, and those past SNS's key limit, filter on) and the crossing pair
 * `storyBest.<topic>` / `storyBestBefore.<topic>` (NO_SCORE before); a raised topic the pair alone, so
 * that it never reaches a subscription that follows only what a story gains. Gained topics take the room
 * first, then raised ones, highest scores first.
 */
export function storyScoreAttributes(
  gained: Record<string, number>,
  raised: Record<string, { score: number; before: number }>,
): Record<string, { DataType: string; StringValue: string }> {
  const number = (value: number) => ({ DataType: 'Number', StringValue: String(value) });
  const out: Record<string, { DataType: string; StringValue: string }> = {};
  let room = STORY_SCORE_ROOM;
  for (const [topic, score] of Object.entries(gained).sort(([, a], [, b]) => b - a)) {
    if (room < 3) break;
    out[scoreAttribute(topic, 'storyScore')] = number(score);
    out[scoreAttribute(topic, 'storyBest')] = number(score);
    out[scoreAttribute(topic, 'storyBestBefore')] = number(NO_SCORE);
    room -= 3;
  }
  for (const [topic, { score, before }] of Object.entries(raised).sort(([, a], [, b]) => b.score - a.score)) {
    if (room < 2) break;
    out[scoreAttribute(topic, 'storyBest')] = number(score);
    out[scoreAttribute(topic, 'storyBestBefore')] = number(before);
    room -= 2;
  }
  return out;
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
