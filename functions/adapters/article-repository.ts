import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { StoredArticle, StoryOwedMark } from '../core/stored-article';
import { parseStored } from '../core/stored-record';
import { decodeArticleItem, encodeBody, UnreadableArticleBody } from './article-item';
import { batchGet } from './batch';
import { parseOrSkip, reportSkipped } from './skipped-records';
import { articleIdOfIndexKey, keys } from './table-keys';
import { itemKey, sendIfCondition, type Table, updateIfExists } from './table';

/** The article item's attribute naming a story write that failed after the article was stored. */
const STORY_OWED = 'storyOwed';
/** The article item's attribute saying its describing items were not written again as its own (markItemsOwed). */
const ITEMS_OWED = 'itemsOwed';

/** Decodes the body and validates the item; the schema drops the storage keys (pk, sk, kind). */
function toArticle(item: Record<string, unknown>): StoredArticle {
  return parseStored(StoredArticle, decodeArticleItem(item), `article ${item.pk}`);
}

/** The article's table item: keys, `kind`, and the body compressed when that saves write units. */
export function articleItem(article: StoredArticle): Record<string, unknown> {
  return { ...keys.article(article.id), kind: 'article', ...article, ...encodeBody(article.body) };
}

export async function getArticle(table: Table, articleId: string): Promise<StoredArticle | undefined> {
  return (await getArticleAndOwed(table, articleId))?.article;
}

/** The stored article and, when its story was not counted yet, the mark of the story write that failed (markStoryOwed). */
export async function getArticleAndOwed(
  table: Table,
  articleId: string,
): Promise<{ article: StoredArticle; storyOwed?: string; itemsOwed?: boolean } | undefined> {
  const out = await table.doc.send(new GetCommand({ TableName: table.name, Key: keys.article(articleId), ConsistentRead: true }));
  if (!out.Item) return undefined;
  const { storyOwed, itemsOwed } = parseStored(StoryOwedMark, out.Item, `article ${articleId}`);
  return { article: toArticle(out.Item), ...(storyOwed !== undefined && { storyOwed }), ...(itemsOwed === true && { itemsOwed }) };
}

/**
 * Sets or clears a note on a stored article, kept out of its schema so no reader of the article sees it. An
 * update of an existing item is a MODIFY, which the alert stream's filter drops; an article gone meanwhile
 * (expired) stays gone.
 */
async function setNote(table: Table, articleId: string, name: string, value: unknown): Promise<void> {
  await updateIfExists(table, keys.article(articleId), {
    UpdateExpression: 'SET #note = :value',
    ExpressionAttributeNames: { '#note': name },
    ExpressionAttributeValues: { ':value': value },
  });
}

async function clearNote(table: Table, articleId: string, name: string): Promise<void> {
  await updateIfExists(table, keys.article(articleId), { UpdateExpression: 'REMOVE #note', ExpressionAttributeNames: { '#note': name } });
}

/** The items that describe the article (tag index entries, story member entry) found there before it was stored were not written again as its own: its re-send writes them. */
export const markItemsOwed = (table: Table, articleId: string) => setNote(table, articleId, ITEMS_OWED, true);
/** The article's describing items are its own again. */
export const clearItemsOwed = (table: Table, articleId: string) => clearNote(table, articleId, ITEMS_OWED);
/**
 * The story write holding the article (`mark`) failed, so its re-send counts it in. Unlike the other notes,
 * refused (ConditionalCheckFailedException) when the article is gone: the caller learns it was not noted.
 */
export async function markStoryOwed(table: Table, articleId: string, mark: string): Promise<void> {
  await table.doc.send(
    new UpdateCommand({
      TableName: table.name,
      Key: keys.article(articleId),
      UpdateExpression: 'SET #note = :value',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#note': STORY_OWED },
      ExpressionAttributeValues: { ':value': mark },
    }),
  );
}
/** The article's story is counted: forget the failed write. */
export const clearStoryOwed = (table: Table, articleId: string) => clearNote(table, articleId, STORY_OWED);

/**
 * Stores the article unless one with the same id exists (a re-send is a no-op, and the stream never
 * sees a second INSERT for it, so it never alerts twice). Returns false when it already existed: the
 * caller reads the stored one only then (write first, read on conflict).
 */
export async function putArticleIfAbsent(table: Table, article: StoredArticle): Promise<boolean> {
  return sendIfCondition(
    table,
    new PutCommand({
      TableName: table.name,
      Item: articleItem(article),
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

/**
 * The tag index items of an article: one per matched person and topic, on the article's shard. A test
 * article has none, so it never shows in a person's or topic's list (it is still readable by its id).
 */
export function tagIndexItems(article: StoredArticle): Record<string, unknown>[] {
  if (article.test) return [];
  const entries = [...article.people.map((id) => ['person', id] as const), ...article.topics.map((id) => ['topic', id] as const)];
  return entries.map(([kind, id]) => ({
    ...keys.tagIndex(kind, id, article.id, article.publishedAt),
    kind: 'tag',
    articleId: article.id,
    ...(article.storyId !== undefined && { storyId: article.storyId }),
    ...(article.expiresAt !== undefined && { expiresAt: article.expiresAt }),
  }));
}

export interface ShardPage {
  sortKeys: string[];
  more: boolean;
}

/** One shard of a person's/topic's index, newest first, strictly between `since` and `before`. */
export async function queryTagShard(
  table: Table,
  partition: string,
  range: { since?: string; before?: string; limit: number },
): Promise<ShardPage> {
  const conditions = ['pk = :pk'];
  const values: Record<string, string> = { ':pk': partition };
  if (range.since && range.before) {
    conditions.push('sk BETWEEN :since AND :before');
    Object.assign(values, { ':since': range.since, ':before': range.before });
  } else if (range.since) {
    conditions.push('sk > :since');
    values[':since'] = range.since;
  } else if (range.before) {
    conditions.push('sk < :before');
    values[':before'] = range.before;
  }
  const out = await table.doc.send(
    new QueryCommand({
      TableName: table.name,
      KeyConditionExpression: conditions.join(' AND '),
      ExpressionAttributeValues: values,
      ProjectionExpression: 'sk',
      ScanIndexForward: false,
      Limit: range.limit,
    }),
  );
  const sortKeys = (out.Items ?? []).map((i) => itemKey(i).sk).filter((sk) => sk !== range.before && sk !== range.since);
  return { sortKeys, more: out.LastEvaluatedKey !== undefined };
}

/**
 * An article in a listing, or undefined when it cannot be read: like every other list, one damaged item
 * is left out (and reported) rather than failing the whole page with a 500.
 */
function listedArticle(item: Record<string, unknown>): StoredArticle | undefined {
  const record = () => `article ${String(item.pk)}`;
  try {
    return parseOrSkip(StoredArticle, decodeArticleItem(item), record);
  } catch (error) {
    if (!(error instanceof UnreadableArticleBody)) throw error;
    reportSkipped(record(), error.message);
    return undefined;
  }
}

/** The articles for these index sort keys, in the same order; index items whose article is gone or damaged are skipped. */
export async function articlesForIndexKeys(table: Table, sortKeys: readonly string[]): Promise<StoredArticle[]> {
  const ids = [...new Set(sortKeys.map(articleIdOfIndexKey))];
  const items = await batchGet(table, ids.map(keys.article));
  const byId = new Map(items.flatMap((item) => listedArticle(item) ?? []).map((article) => [article.id, article]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
