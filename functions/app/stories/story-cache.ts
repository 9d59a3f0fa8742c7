import type { Table } from '../../adapters/table';
import { RecentCache } from '../../core/recent-cache';
import type { KeyEntry } from '../../core/stories/candidates';
import type { StoryRecord } from '../../core/stories/story';

/**
 * The stories this process wrote or read last, so that an article of an active story (a breaking
 * story's copies arrive one after another) does not read the record back that the previous article
 * just wrote. Bounded by count and age. It holds each story as the last decision left it, and is
 * only ever compared with: the story write starts from the stored state (story-writer.ts). A record is
 * used only while it is at least as recent as what the index says about that story (an article filed
 * by another instance later than the cached record's last article means it is stale) and younger than
 * MAX_AGE_MS, which bounds how long another instance's additions can go unseen in the decision.
 */
const MAX_STORIES = 2_000;
const MAX_AGE_MS = 30_000;

const caches = new WeakMap<Table['doc'], RecentCache<string, StoryRecord>>();

function cacheOf(table: Table): RecentCache<string, StoryRecord> {
  let cache = caches.get(table.doc);
  if (!cache) {
    cache = new RecentCache<string, StoryRecord>(MAX_STORIES, MAX_AGE_MS);
    caches.set(table.doc, cache);
  }
  return cache;
}

/** What `lastFiled` found per set of entries read: an article asks twice of the same entries (before its read and at its decision). */
const lastFiledIn = new WeakMap<ReadonlyMap<string, KeyEntry>, ReadonlyMap<string, number>>();

/** Latest time the index says each story filed an article (over the entries read for this article, never changed once read). */
function lastFiled(found: ReadonlyMap<string, KeyEntry>): ReadonlyMap<string, number> {
  let latest = lastFiledIn.get(found);
  if (latest === undefined) {
    const times = new Map<string, number>();
    for (const entry of found.values()) {
      for (const id in entry) times.set(id, Math.max(entry[id]!, times.get(id) ?? 0));
    }
    latest = times;
    lastFiledIn.set(found, latest);
  }
  return latest;
}

/** The cached stories among `ids` that are not older than the index; the rest are to be read. */
export function cachedStories(
  table: Table,
  ids: readonly string[],
  found: ReadonlyMap<string, KeyEntry>,
): { hits: StoryRecord[]; misses: string[] } {
  const cache = cacheOf(table);
  const latest = lastFiled(found);
  const hits: StoryRecord[] = [];
  const misses: string[] = [];
  for (const id of ids) {
    const record = cache.get(id);
    if (record && record.profile.lastAt >= (latest.get(id) ?? 0)) hits.push(record);
    else misses.push(id);
  }
  return { hits, misses };
}

/** Stories as read from the table: kept unless the cache holds a later state of the same story. */
export function rememberStories(table: Table, records: readonly (StoryRecord | undefined)[]): void {
  const cache = cacheOf(table);
  for (const r of records) if (r && r.version >= (cache.get(r.id)?.version ?? 0)) cache.set(r.id, r);
}

/**
 * A story as this process just decided it (the article counted in before it is stored): what the next
 * article is compared with. Only decisions read it; the story write starts from the stored state
 * (story-writer.ts), so an article whose store fails is never counted by it.
 */
export function rememberDecided(table: Table, record: StoryRecord): void {
  cacheOf(table).set(record.id, record);
}
