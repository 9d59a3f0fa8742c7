import { randomUUID } from 'node:crypto';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import { claimAlert, markPublished, releaseAlert } from '../../adapters/alert-markers';
import { publishMessage } from '../../adapters/message-publisher';
import type { SnsClient } from '../../adapters/sns';
import { claimGains, raiseTopicScore } from '../../adapters/story-gains';
import type { Table } from '../../adapters/table';
import { composeStoryAlert, type Raised, storyAlertIdOf } from '../../core/stories/story-alert';
import type { StoredArticle } from '../../core/stored-article';
import { logSent, storyAlertSent } from '../alert-log';

export interface StoryAlertDeps {
  table: Table;
  sns: SnsClient;
  topicArn: string;
  metrics: Metrics;
}

const split = (tags: string[]) => ({
  people: tags.filter((t) => t.startsWith('person#')).map((t) => t.slice('person#'.length)),
  topics: tags.filter((t) => t.startsWith('topic#')).map((t) => t.slice('topic#'.length)),
});

/** The story's topics (not gained now) whose best score this article raised: topic → the best score before it. */
async function raisedScores(table: Table, article: StoredArticle, storyId: string, gainedTopics: readonly string[]): Promise<Raised> {
  const held = article.tags.topics.filter((t) => !gainedTopics.includes(t.id));
  const before = await Promise.all(held.map((t) => raiseTopicScore(table, storyId, article.id, `topic#${t.id}`, t.score)));
  return Object.fromEntries(held.flatMap((t, i) => (before[i] === undefined ? [] : [[t.id, before[i]]])));
}

/**
 * The `story` delivery: when an article brings its story a person or topic it did not have yet (or
 * scores a topic it has higher than any article before it, for subscriptions with `minScore`), one
 * story alert names what was gained; SNS filter policies send it to each story subscriber following
 * one of those ids, so a subscriber hears of a story once, and again only when it gains a followed id.
 * Which article brought an id first is claimed in the table (exactly once per story and id, retries
 * included); the alert itself is published at most once per article with the usual marker.
 */
export async function publishStoryAlert(
  deps: StoryAlertDeps,
  article: StoredArticle,
): Promise<'published' | 'nothing-gained' | 'already-published'> {
  const storyId = article.storyId;
  if (!storyId || article.test) return 'nothing-gained';
  const tags = [...article.people.map((p) => `person#${p}`), ...article.topics.map((t) => `topic#${t}`)];
  const scores = Object.fromEntries(article.tags.topics.map((t) => [`topic#${t.id}`, t.score]));
  const gained = split(await claimGains(deps.table, storyId, article.id, tags, scores));
  const raised = await raisedScores(deps.table, article, storyId, gained.topics);
  if (gained.people.length + gained.topics.length + Object.keys(raised).length === 0) return 'nothing-gained';
  const markerId = `story.${article.id}`;
  const claim = await claimAlert(deps.table, markerId, randomUUID());
  if (claim.outcome === 'published') {
    // Its log entry may be missing (a crash between the marker and the log): filed again where it was, from the marker
    // (a marker from before `loggedAt` names no exact place, and its entry is left as it is).
    if (claim.loggedAt)
      await logSent(
        deps.table,
        deps.metrics,
        storyAlertSent({ ...article, storyId }, storyAlertIdOf(storyId, article.id), claim.messageId, claim.loggedAt),
      );
    return 'already-published';
  }
  if (claim.outcome === 'busy') throw new Error(`Story alert for article ${article.id} is being published by another invocation`);
  const alert = composeStoryAlert({ ...article, storyId }, gained, raised);
  let messageId: string | undefined;
  try {
    messageId = await publishMessage(deps.sns, deps.topicArn, alert);
  } catch (error) {
    await releaseAlert(deps.table, markerId, claim.token);
    throw error;
  }
  const publishedAt = new Date();
  await markPublished(deps.table, markerId, claim.token, messageId, publishedAt);
  await logSent(deps.table, deps.metrics, storyAlertSent({ ...article, storyId }, alert.alertId, messageId, publishedAt));
  deps.metrics.addMetric('StoryAlertsPublished', MetricUnit.Count, 1);
  return 'published';
}
