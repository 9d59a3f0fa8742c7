/**
 * Story assignment CPU per article, with the story index behaving as if it held a million stored
 * articles: every index key an article looks up is a full entry (the 20 most recent stories filed
 * under it) and every candidate story a full-size record parsed from its stored form (as ingest reads
 * it), so each article pays the worst case of a big index. Lookups and the decision are the code
 * ingest runs (functions/core/stories/assign.ts); only the table round trips are left out (measured
 * end to end by bench:pipeline).
 */
import { assignStory, type StoryLookup } from '../functions/core/stories/assign';
import { STORIES_PER_KEY, type KeyEntry } from '../functions/core/stories/candidates';
import { MemoryStoryIndex } from '../functions/core/stories/memory-index';
import { storedProfile } from '../functions/core/stories/profile';
import type { StoryRecord } from '../functions/core/stories/story';
import { storyFromItem } from '../functions/adapters/story-repository';

const SIMULATED_ARTICLES = 1_000_000;
/** Articles per story in the simulated index (copies and rewrites of busy stories). */
const ARTICLES_PER_STORY = 4;

interface BenchArticle {
  title: string;
  body: string;
  publishedAt: string;
}

/** Full index entries for any key, naming stories of the simulated million-article index. */
function millionArticleIndex(pool: readonly StoryRecord[]): StoryLookup {
  // As the table holds them: the profile one JSON string, signatures in base64 (profile.ts), the rest plain values.
  const stored = pool.map((r) => JSON.parse(JSON.stringify({ ...r, profile: storedProfile(r.profile) })) as Record<string, unknown>);
  const stories = SIMULATED_ARTICLES / ARTICLES_PER_STORY;
  // Full entries made once (so the simulation itself costs nothing per article), spread over the index's stories.
  const entryPool: KeyEntry[] = Array.from({ length: 1024 }, (_, e) => {
    const entry: KeyEntry = {};
    for (let k = 0; k < STORIES_PER_KEY; k++) entry[`st_${(e * 7919 + k * 104_729) % stories}`] = 1_700_000_000_000 + k;
    return entry;
  });
  let next = 0;
  return {
    entries(keys) {
      const found = new Map<string, KeyEntry>();
      for (const key of keys) found.set(key, entryPool[next++ % entryPool.length]!);
      return found;
    },
    // Each candidate is parsed from its stored form by the table adapter's own function.
    records: (ids) => ids.map((id, i) => ({ ...storyFromItem(stored[i % stored.length]!)!, id })),
  };
}

/** Builds a pool of real story records by clustering the articles themselves, then times assignment against the big index. */
export async function measureStoryAssignment(articles: readonly BenchArticle[]): Promise<{ cpuMsPerArticle: number; articles: number }> {
  const index = new MemoryStoryIndex();
  for (const [i, a] of articles.entries()) {
    const out = await assignStory(index, { ...a, id: `pool-${i}`, people: [], topics: [] });
    index.save(out.after, out.fileUnder, out.features.time);
  }
  const lookup = millionArticleIndex([...index.stories.values()]);
  const before = process.cpuUsage();
  for (const [i, a] of articles.entries()) await assignStory(lookup, { ...a, id: `bench-${i}`, people: [], topics: [] });
  const used = process.cpuUsage(before);
  return { cpuMsPerArticle: (used.user + used.system) / 1000 / articles.length, articles: articles.length };
}
