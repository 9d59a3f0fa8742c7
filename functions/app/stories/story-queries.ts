import { getStory, storyMembers, storyRecords } from '../../adapters/story-repository';
import { articleIdOfIndexKey, keys } from '../../adapters/table-keys';
import type { Table } from '../../adapters/table';
import { articleListing, encodeCursor, parseArticleQuery } from '../../core/article-query';
import { NotFound } from '../../core/errors';
import { type StoryArticle, type StorySummary, summaryOf } from '../../core/stories/story';
import { newestAcrossShards } from '../sharded-index';

/**
 * Stories about a person or topic, most recently active first: the story-tag index holds one entry
 * per story and tag at the story's lastSeenAt, spread over TAG_SHARDS partitions and merged like the
 * article index. An entry left behind by a crash (its time is no longer the story's) is skipped.
 */
export async function storiesByTag(
  table: Table,
  params: Record<string, string | undefined>,
): Promise<{ items: StorySummary[]; nextCursor?: string }> {
  const query = parseArticleQuery(params, 'stories');
  const { wanted, more } = await newestAcrossShards(table, (shard) => keys.storyTagPartition(query.kind, query.id, shard), query);
  const records = new Map((await storyRecords(table, [...new Set(wanted.map(articleIdOfIndexKey))])).map((r) => [r.id, r]));
  const items = wanted.flatMap((sk) => {
    const record = records.get(articleIdOfIndexKey(sk));
    // A leftover entry (its story moved on, or never took the tag: a write that did not land) is skipped.
    if (!record || !sk.startsWith(`${record.lastSeenAt}#`)) return [];
    return (query.kind === 'person' ? record.people : record.topics).includes(query.id) ? [summaryOf(record)] : [];
  });
  const last = wanted.at(-1);
  return { items, ...(more && last && { nextCursor: encodeCursor(last, articleListing('stories', query)) }) };
}

export async function storyById(table: Table, id: string): Promise<StorySummary & { articles: StoryArticle[] }> {
  const [record, articles] = await Promise.all([getStory(table, id), storyMembers(table, id)]);
  if (!record) throw new NotFound('No story with this id');
  return { ...summaryOf(record), articles };
}
