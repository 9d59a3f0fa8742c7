import { parseOrSkip } from './skipped-records';
import { MatchEntry } from '../core/digests/digest';
import { shardOf } from '../core/hash';
import type { StoredArticle } from '../core/stored-article';
import { TAG_SHARDS } from './table-design';
import { keys } from './table-keys';
import { queryPages, type Table } from './table';

/** Matched articles stay in the digest index this long: longer than any digest period. */
const MATCH_TTL_SECONDS = 8 * 86_400;
const HOUR_MS = 3_600_000;
const hourOf = (iso: string) => iso.slice(0, 13);

/** The digest index item of a matched article (none for unmatched, test or story-less articles). */
export function matchItems(article: StoredArticle): Record<string, unknown>[] {
  if (!article.matched || article.test || !article.storyId) return [];
  const entry: MatchEntry = {
    articleId: article.id,
    storyId: article.storyId,
    ingestedAt: article.ingestedAt,
    people: article.people,
    topics: article.topics,
    scores: Object.fromEntries(article.tags.topics.map((t) => [t.id, t.score])),
  };
  const shard = shardOf(article.id, TAG_SHARDS);
  return [
    {
      ...keys.match(hourOf(article.ingestedAt), shard, article.ingestedAt, article.id),
      kind: 'match',
      ...entry,
      expiresAt: Math.floor(Date.parse(article.ingestedAt) / 1000) + MATCH_TTL_SECONDS,
    },
  ];
}

/** Matched articles ingested in [from, to): every hour partition of the range, each of its shards. */
export async function matchesBetween(table: Table, from: string, to: string): Promise<MatchEntry[]> {
  const hours: string[] = [];
  for (let t = Date.parse(`${hourOf(from)}:00:00Z`); t < Date.parse(to); t += HOUR_MS) hours.push(hourOf(new Date(t).toISOString()));
  const parts = await Promise.all(
    hours.flatMap((hour) => Array.from({ length: TAG_SHARDS }, (_, shard) => queryAll(table, keys.matchPartition(hour, shard), from, to))),
  );
  return parts.flat();
}

async function queryAll(table: Table, pk: string, from: string, to: string): Promise<MatchEntry[]> {
  const found: MatchEntry[] = [];
  const query = {
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': pk, ':from': from, ':to': to },
  };
  await queryPages(table, query, (items) => {
    for (const i of items) {
      // A damaged entry is left out (one bad item must not hold back every subscriber's digest).
      const entry = parseOrSkip(MatchEntry, i, () => `digest match ${i.pk} ${i.sk}`);
      if (entry && entry.ingestedAt >= from && entry.ingestedAt < to) found.push(entry);
    }
    return false;
  });
  return found;
}
