import { composeFittingAlert, snsMessageOf } from '../alert-fit';
import { ATTRIBUTES, storyScoreAttributes } from '../delivery-policy';
import { sha256Hex } from '../hash';
import type { StoredArticle } from '../stored-article';

/** The people and topics an article brought to its story that the story did not have yet. */
export interface Gained {
  people: string[];
  topics: string[];
}

/** Topics the story had already whose best score this article raised: topic id → the best score before it. */
export type Raised = Record<string, number>;

export interface StoryAlert {
  alertId: string;
  subject: string;
  /** The MessageStructure=json message. */
  message: string;
  attributes: Record<string, { DataType: string; StringValue: string }>;
}

/** Stable per (story, article): the one story alert an article can cause. */
export function storyAlertIdOf(storyId: string, articleId: string): string {
  return `sa_${sha256Hex(`story-alert\n${storyId}\n${articleId}`).slice(0, 32)}`;
}

const MAX_SUBJECT = 99;

/**
 * The alert for `story` subscribers: the article's own alert (same evidence, same size limits) marked
 * `kind: "story"` with the story id and what the story has just gained; published with the gained ids
 * as `storyPeople`/`storyTopics` so each story subscriber following one of them gets it once. A
 * subscriber with `minScore` follows a topic by its score instead: each gained or raised topic carries
 * `storyBest.<topic>` (this article's score) and `storyBestBefore.<topic>` (the story's best before it;
 * NO_SCORE for a gained one), and the subscription takes the alert whose score crosses its bar
 * (storyScoreAttributes). An alert that only raises scores is published with kind `story-raise`,
 * which only such subscriptions take.
 */
export function composeStoryAlert(article: StoredArticle & { storyId: string }, gained: Gained, raised: Raised = {}): StoryAlert {
  const base = composeFittingAlert(article);
  const alertId = storyAlertIdOf(article.storyId, article.id);
  const raisedTopics = Object.keys(raised).sort();
  const payload = {
    ...base.payload,
    alertId,
    kind: 'story',
    storyId: article.storyId,
    gained,
    ...(raisedTopics.length > 0 && { raised: raisedTopics }),
  };
  const json = JSON.stringify(payload);
  const news = [...gained.people, ...gained.topics];
  const lead =
    news.length > 0
      ? `New in story ${article.storyId}: ${news.join(', ')}`
      : `Stronger in story ${article.storyId}: ${raisedTopics.join(', ')}`;
  const messages = {
    ...base.messages,
    default: json,
    'email-json': json,
    sqs: json,
    https: json,
    lambda: json,
    email: `${lead}\n\n${base.messages.email}`,
    sms: `${lead}\n${base.messages.sms}`.slice(0, 1_600),
  };
  const array = (values: readonly string[]) => ({ DataType: 'String.Array', StringValue: JSON.stringify(values) });
  const scores = new Map(article.tags.topics.map((t) => [t.id, t.score]));
  const gainedScores = Object.fromEntries(gained.topics.flatMap((t) => (scores.has(t) ? [[t, scores.get(t)!]] : [])));
  const raisedScores = Object.fromEntries(
    raisedTopics.flatMap((t) => (scores.has(t) ? [[t, { score: scores.get(t)!, before: raised[t]! }]] : [])),
  );
  return {
    alertId,
    subject: `Story: ${base.subject}`.slice(0, MAX_SUBJECT),
    message: snsMessageOf(messages),
    attributes: {
      alertId: { DataType: 'String', StringValue: alertId },
      [ATTRIBUTES.kind]: { DataType: 'String', StringValue: news.length > 0 ? 'story' : 'story-raise' },
      ...(gained.people.length > 0 && { [ATTRIBUTES.storyPeople]: array(gained.people) }),
      ...(gained.topics.length > 0 && { [ATTRIBUTES.storyTopics]: array(gained.topics) }),
      ...storyScoreAttributes(gainedScores, raisedScores),
    },
  };
}
