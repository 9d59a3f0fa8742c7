import { articlesForIndexKeys, getArticle } from '../adapters/article-repository';
import { articleIdOfIndexKey, keys } from '../adapters/table-keys';
import type { Table } from '../adapters/table';
import { articleListing, encodeCursor, parseArticleQuery } from '../core/article-query';
import { NotFound } from '../core/errors';
import { ArticleId } from '../core/path-ids';
import type { StoredArticle } from '../core/stored-article';
import { newestAcrossShards } from './sharded-index';
import { jsonBytes } from '../core/json-bytes';
import { countWithinBudget } from './response-budget';

export async function articleById(table: Table, id: string): Promise<StoredArticle> {
  // Read as POST /articles reads an id (trimmed), so the id a client sent finds what was stored under it.
  const article = await getArticle(table, ArticleId.parse(id));
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
  const query = parseArticleQuery(params, 'articles');
  const { wanted, more } = await newestAcrossShards(table, (shard) => keys.tagPartition(query.kind, query.id, shard), query);
  const found = await articlesForIndexKeys(table, wanted);
  const { items, sortKeys } = withinResponseBudget(found, wanted);
  const hasMore = sortKeys.length < wanted.length || more;
  const last = sortKeys.at(-1);
  return { items, ...(hasMore && last && { nextCursor: encodeCursor(last, articleListing('articles', query)) }) };
}

/** The index keys whose articles fit in one response, and those articles (once each; a key whose article is gone counts nothing). */
function withinResponseBudget(found: StoredArticle[], wanted: string[]): { items: StoredArticle[]; sortKeys: string[] } {
  const byId = new Map(found.map((a) => [a.id, a]));
  const articles = wanted.map((sk) => byId.get(articleIdOfIndexKey(sk)));
  const fitting = countWithinBudget(articles, (article) => (article ? jsonBytes(article) : 0));
  const items = new Set(articles.slice(0, fitting).filter((a): a is StoredArticle => a !== undefined));
  return { items: [...items], sortKeys: wanted.slice(0, fitting) };
}
