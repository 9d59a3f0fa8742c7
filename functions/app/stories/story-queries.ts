import { queryTagShard } from '../../adapters/article-repository';
import { getStory, storyMembers, storyRecords } from '../../adapters/story-repository';
import { TAG_SHARDS } from '../../adapters/table-design';
import { articleIdOfIndexKey, keys } from '../../adapters/table-keys';
import type { Table } from '../../adapters/table';
import { encodeCursor, mergeNewestFirst, parseArticleQuery } from '../../core/article-query';
import { NotFound } from '../../core/errors';
import { type StoryArticle, type StorySummary, summaryOf } from '../../core/stories/story';

/**
 * Stories about a person or topic, most recently active first: the story-tag index holds one entry
 * per story and tag at the story's lastSeenAt, spread over TAG_SHARDS partitions and merged like the
 * article index. An entry left behind by a crash (its time is no longer the story's) is skipped.
 */
export async function storiesByTag(
  table: Table,
  params: Record<string, string | undefined>,
): Promise<{ items: StorySummary[]; nextCursor?: string }> {
  const query = parseArticleQuery(params);
  const shards = await Promise.all(
    Array.from({ length: TAG_SHARDS }, (_, shard) =>
      queryTagShard(table, keys.storyTagPartition(query.kind, query.id, shard), {
        since: query.since,
        before: query.before,
        limit: query.limit,
      }),
    ),
  );
  const all = mergeNewestFirst(
    shards.map((s) => s.sortKeys),
    Number.MAX_SAFE_INTEGER,
  );
  const wanted = all.slice(0, query.limit);
  const records = new Map((await storyRecords(table, [...new Set(wanted.map(articleIdOfIndexKey))])).map((r) => [r.id, r]));
  const items = wanted.flatMap((sk) => {
    const record = records.get(articleIdOfIndexKey(sk));
    return record && sk.startsWith(`${record.lastSeenAt}#`) ? [summaryOf(record)] : [];
  });
  const hasMore = all.length > query.limit || shards.some((s) => s.more);
  const last = wanted.at(-1);
  return { items, ...(hasMore && last && { nextCursor: encodeCursor(last) }) };
}

export async function storyById(table: Table, id: string): Promise<StorySummary & { articles: StoryArticle[] }> {
  const [record, articles] = await Promise.all([getStory(table, id), storyMembers(table, id)]);
  if (!record) throw new NotFound('No story with this id');
  return { ...summaryOf(record), articles };
}
