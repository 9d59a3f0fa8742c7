import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import * as z from '../core/zod';
import { parseOrSkip } from './skipped-records';
import { keys } from './table-keys';
import { sendIfCondition, type Table } from './table';

/** Gain claims live as long as a story can still grow, then expire. */
const GAIN_TTL_SECONDS = 30 * 86_400;
/** Attempts at raising one topic's best score when other articles raise it at the same moment. */
const MAX_RAISE_ATTEMPTS = 5;

const expiry = () => Math.floor(Date.now() / 1000) + GAIN_TTL_SECONDS;

/**
 * Claims, for one article, each person/topic the story has not had before: a conditional put per id
 * that succeeds when nobody claimed it, or when this same article did (a retry claims the same ids
 * again). Returns the ids this article brought first — exactly once per story and id. A topic's claim
 * keeps the article's score for it (`scores`): the story's first score for that topic.
 */
export async function claimGains(
  table: Table,
  storyId: string,
  articleId: string,
  ids: readonly string[],
  scores: Readonly<Record<string, number>> = {},
): Promise<string[]> {
  const expiresAt = expiry();
  const won = await Promise.all(
    ids.map((id) =>
      sendIfCondition(
        table,
        new PutCommand({
          TableName: table.name,
          Item: { ...keys.storyGain(storyId, id), kind: 'story-gain', articleId, expiresAt, ...(id in scores && { score: scores[id] }) },
          ConditionExpression: 'attribute_not_exists(pk) OR articleId = :a',
          ExpressionAttributeValues: { ':a': articleId },
        }),
      ),
    ),
  );
  return ids.filter((_, i) => won[i]);
}

/** A topic's gain claim as read back: its first score, when it was claimed with one. */
const GainItem = z.object({ score: z.optional(z.number()) });
/** The best score a story has had for a topic since its claim, the one before it, and the article that raised it. */
const RaiseItem = z.object({ score: z.number(), scoreBefore: z.number(), raisedBy: z.string() });

/**
 * Raises a topic's best score in its story to `score` when the article scored it higher than every
 * article before it: returns the best score before this article (this article's own raise again, on
 * a retry), or undefined when it raised nothing. A claim written without a score (before scores were
 * kept) is never raised. Kept beside the claim (`R#topic#…`), so a retried claim never undoes a raise,
 * with the raising article's own note (`R#topic#…#<articleId>`), so its retry finds its raise after a
 * later article raised further. Only a crash between the raise and that note, with another raise before
 * the retry, loses the raise (the story alert of a score crossing a `minScore` bar: docs/stories.md).
 */
export async function raiseTopicScore(
  table: Table,
  storyId: string,
  articleId: string,
  topicTag: string,
  score: number,
): Promise<number | undefined> {
  const claimKey = keys.storyGain(storyId, topicTag);
  const raiseKey = keys.storyRaise(storyId, topicTag);
  const ownKey = keys.storyRaise(storyId, `${topicTag}#${articleId}`);
  for (let attempt = 0; attempt < MAX_RAISE_ATTEMPTS; attempt++) {
    const [claimed, raised, own] = await Promise.all([
      readItem(table, claimKey, GainItem),
      readItem(table, raiseKey, RaiseItem),
      readItem(table, ownKey, RaiseItem),
    ]);
    // A retry: this article raised the score already (its own note, or the raise it still holds).
    if (own?.score === score) return own.scoreBefore;
    if (raised?.raisedBy === articleId && raised.score === score) return raised.scoreBefore;
    if (claimed?.score === undefined) return undefined;
    const best = Math.max(claimed.score, raised?.score ?? Number.NEGATIVE_INFINITY);
    if (score <= best) return undefined;
    const put = new PutCommand({
      TableName: table.name,
      Item: { ...raiseKey, kind: 'story-raise', score, scoreBefore: best, raisedBy: articleId, expiresAt: expiry() },
      ...(raised
        ? {
            ConditionExpression: '#score = :seen',
            ExpressionAttributeNames: { '#score': 'score' },
            ExpressionAttributeValues: { ':seen': raised.score },
          }
        : { ConditionExpression: 'attribute_not_exists(pk)' }),
    });
    if (await sendIfCondition(table, put)) {
      // This article's own note of its raise: a retry after a later article raised further still finds it.
      await table.doc.send(
        new PutCommand({
          TableName: table.name,
          Item: { ...ownKey, kind: 'story-raise-by', score, scoreBefore: best, raisedBy: articleId, expiresAt: expiry() },
        }),
      );
      return best;
    }
  }
  throw new Error(`The best score of ${topicTag} in story ${storyId} kept changing`);
}

async function readItem<S extends z.ZodMiniType>(
  table: Table,
  key: { pk: string; sk: string },
  schema: S,
): Promise<z.output<S> | undefined> {
  const out = await table.doc.send(new GetCommand({ TableName: table.name, Key: key, ConsistentRead: true }));
  return out.Item ? parseOrSkip(schema, out.Item, () => `story gain ${key.pk} ${key.sk}`) : undefined;
}
