import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from './table-keys';
import { sendIfCondition, type Table } from './table';

/** Gain claims live as long as a story can still grow, then expire. */
const GAIN_TTL_SECONDS = 30 * 86_400;

/**
 * Claims, for one article, each person/topic the story has not had before: a conditional put per id
 * that succeeds when nobody claimed it, or when this same article did (a retry claims the same ids
 * again). Returns the ids this article brought first — exactly once per story and id.
 */
export async function claimGains(table: Table, storyId: string, articleId: string, ids: readonly string[]): Promise<string[]> {
  const expiresAt = Math.floor(Date.now() / 1000) + GAIN_TTL_SECONDS;
  const won = await Promise.all(
    ids.map((id) =>
      sendIfCondition(
        table,
        new PutCommand({
          TableName: table.name,
          Item: { ...keys.storyGain(storyId, id), kind: 'story-gain', articleId, expiresAt },
          ConditionExpression: 'attribute_not_exists(pk) OR articleId = :a',
          ExpressionAttributeValues: { ':a': articleId },
        }),
      ),
    ),
  );
  return ids.filter((_, i) => won[i]);
}
