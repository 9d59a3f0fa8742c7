import { queryTagShard } from '../adapters/article-repository';
import { TAG_SHARDS } from '../adapters/table-design';
import type { Table } from '../adapters/table';
import { type ArticleQuery, mergeNewestFirst } from '../core/article-query';

export interface IndexPage {
  /** The page's index sort keys, newest first (at most `query.limit`). */
  wanted: string[];
  /** True when the index holds more entries beyond this page. */
  more: boolean;
}

/**
 * Entries read from each shard beyond the page: one to tell whether anything follows it, and one for
 * the cursor's own entry, which a query with both bounds reads back (its BETWEEN holds the bounds) and drops.
 */
const LOOK_AHEAD = 2;

/**
 * One page of a sharded, newest-first index (articles or stories by person or topic): every shard is
 * read in parallel (each newest first, at most `limit` + LOOK_AHEAD), merged, and cut to `limit`.
 * More follows only when the merge holds more than `limit` entries: a shard's own LastEvaluatedKey
 * is also there when its page merely stopped at its Limit, which gave the page that ends the list a
 * cursor to an empty page.
 */
export async function newestAcrossShards(table: Table, partitionOf: (shard: number) => string, query: ArticleQuery): Promise<IndexPage> {
  if (query.empty) return { wanted: [], more: false };
  const range = { since: query.since, before: query.before, limit: query.limit + LOOK_AHEAD };
  const shards = await Promise.all(Array.from({ length: TAG_SHARDS }, (_, shard) => queryTagShard(table, partitionOf(shard), range)));
  const all = mergeNewestFirst(
    shards.map((s) => s.sortKeys),
    Number.MAX_SAFE_INTEGER,
  );
  return { wanted: all.slice(0, query.limit), more: all.length > query.limit };
}
