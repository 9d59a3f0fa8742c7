import { assignStory } from '../../../../functions/core/stories/assign';
import { type ClusterInput, storyFeatures } from '../../../../functions/core/stories/features';
import type { StoryMember } from '../../../../functions/core/stories/membership';
import { MemoryStoryIndex } from '../../../../functions/core/stories/memory-index';

type Clustered = StoryMember & ClusterInput & { id: string };

/** Whether `later`, clustered after `first` as ingest clusters articles (one index in memory), joins its story. */
export async function joinsStoryOf(first: Clustered, later: Clustered): Promise<boolean> {
  const [a, b] = await storyIdsOf([first, later]);
  return b === a;
}

/** The story of each article, clustered in turn as ingest clusters them (one index in memory). */
export async function storyIdsOf(articles: readonly Clustered[]): Promise<string[]> {
  const index = new MemoryStoryIndex();
  const ids: string[] = [];
  for (const a of articles) {
    const out = await assignStory(index, a, storyFeatures(a));
    index.save(out.after, out.fileUnder, out.features.time);
    ids.push(out.storyId);
  }
  return ids;
}

/** An article as ingest clusters it, naming nobody the watchlist tracks. */
export function untracked(id: string, title: string, body: string, publishedAt: string): Clustered {
  return { id, title, body, publishedAt, people: [], topics: [] };
}
