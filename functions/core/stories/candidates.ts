import { lookupKeys, writeKeys } from './index-keys';
import type { StoryFeatures } from './features';

/** Stories compared in full per article, at most: the second read per article is bounded too. */
export const MAX_CANDIDATES = 8;
/** Stories one index key remembers (the most recently active): a busy name on a busy day stays one small item. */
export const STORIES_PER_KEY = 20;

/** An index key's item: story id → when that story last filed an article under the key (epoch ms). */
export type KeyEntry = Record<string, number>;

/** The stories worth comparing: those under the most of the article's keys, most recent first on ties. */
export function rankCandidates(found: ReadonlyMap<string, KeyEntry>): string[] {
  const hits = new Map<string, { n: number; at: number }>();
  for (const entry of found.values()) {
    for (const [id, at] of Object.entries(entry)) {
      const h = hits.get(id) ?? { n: 0, at: 0 };
      hits.set(id, { n: h.n + 1, at: Math.max(h.at, at) });
    }
  }
  return [...hits.entries()]
    .sort(([ia, a], [ib, b]) => b.n - a.n || b.at - a.at || (ia < ib ? -1 : 1))
    .slice(0, MAX_CANDIDATES)
    .map(([id]) => id);
}

/** The article's own keys that do not list the story yet: joining a story writes only what is new. */
export function keysToFile(f: StoryFeatures, storyId: string, found: ReadonlyMap<string, KeyEntry>): string[] {
  return writeKeys(f).filter((k) => found.get(k)?.[storyId] === undefined);
}

/** A key's entry with one more story, cut to the most recent STORIES_PER_KEY. */
export function withStory(entry: KeyEntry | undefined, storyId: string, at: number): KeyEntry {
  const next = { ...(entry ?? {}), [storyId]: Math.max(at, entry?.[storyId] ?? 0) };
  const ids = Object.keys(next);
  if (ids.length <= STORIES_PER_KEY) return next;
  return Object.fromEntries(
    Object.entries(next)
      .sort(([, a], [, b]) => b - a)
      .slice(0, STORIES_PER_KEY),
  );
}

/** Two readings of one key's entry (the table's and this process's own filings) as one: every story, its latest time. */
export function mergeEntries(a: KeyEntry | undefined, b: KeyEntry | undefined): KeyEntry | undefined {
  if (!a || !b) return a ?? b;
  const merged: KeyEntry = { ...a };
  for (const [id, at] of Object.entries(b)) merged[id] = Math.max(at, merged[id] ?? 0);
  return merged;
}

export { lookupKeys };
