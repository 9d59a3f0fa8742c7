import { articlesForIndexKeys, getArticle } from '../adapters/article-repository';
import { articleIdOfIndexKey, keys } from '../adapters/table-keys';
import type { Table } from '../adapters/table';
import { encodeCursor, parseArticleQuery } from '../core/article-query';
import { NotFound } from '../core/errors';
import type { StoredArticle } from '../core/stored-article';
import { newestAcrossShards } from './sharded-index';
import { RESPONSE_BUDGET_BYTES } from './response-budget';

export async function articleById(table: Table, id: string): Promise<StoredArticle> {
  const article = await getArticle(table, id);
  if (!article) throw new NotFound('No article with this id');
  return article;
}

/**
 * Articles naming a person or topic, newest first: every shard of its index is read in parallel
 * (each newest first, at most `limit`), merged, cut to `limit`; the cursor is the last sort key.
 */
export async function articlesByTag(
  table: Table,
  params: Record<string, string | undefined>,
): Promise<{ items: StoredArticle[]; nextCursor?: string }> {
  const query = parseArticleQuery(params);
  const { wanted, more } = await newestAcrossShards(table, (shard) => keys.tagPartition(query.kind, query.id, shard), query);
  const found = await articlesForIndexKeys(table, wanted);
  const { items, sortKeys } = withinResponseBudget(found, wanted);
  const hasMore = sortKeys.length < wanted.length || more;
  const last = sortKeys.at(-1);
  return { items, ...(hasMore && last && { nextCursor: encodeCursor(last) }) };
}

function withinResponseBudget(found: StoredArticle[], wanted: string[]): { items: StoredArticle[]; sortKeys: string[] } {
  const byId = new Map(found.map((a) => [a.id, a]));
  const items: StoredArticle[] = [];
  const sortKeys: string[] = [];
  let bytes = 0;
  for (const sk of wanted) {
    const article = byId.get(articleIdOfIndexKey(sk));
    const size = article ? Buffer.byteLength(JSON.stringify(article)) : 0;
    if (items.length > 0 && bytes + size > RESPONSE_BUDGET_BYTES) break;
    bytes += size;
    if (article && !items.includes(article)) items.push(article);
    sortKeys.push(sk);
  }
  return { items, sortKeys };
}
