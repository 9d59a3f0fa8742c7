import { createTagger } from '../../../functions/core/tagger';
import { assignStory } from '../../../functions/core/stories/assign';
import { MemoryStoryIndex } from '../../../functions/core/stories/memory-index';
import type { Watchlist } from '../../../functions/core/watchlist';
import { loadStoryCases, SPLITS, type Split, type StoryCase } from './story-fixtures';
import { type Labelled, scoreStories, type StoryScores } from './story-score';

/** The acceptance bar on held-out articles. */
export const STORY_GATE = { f1: 0.9, merged: 0 } as const;

/**
 * Clusters one split as ingest would: articles in publishedAt order, each tagged, then assigned
 * through the same code ingest runs, against an index in memory.
 */
export async function clusterSplit(cases: readonly StoryCase[], watchlist: Watchlist): Promise<Labelled[]> {
  const tagger = createTagger(watchlist);
  const index = new MemoryStoryIndex();
  const ordered = [...cases].sort((a, b) => (a.article.publishedAt < b.article.publishedAt ? -1 : 1));
  const out: Labelled[] = [];
  for (const c of ordered) {
    const tags = tagger.tag({ ...(c.article.title !== undefined && { title: c.article.title }), body: c.article.body });
    const member = { ...c.article, people: tags.people.map((p) => p.id), topics: tags.topics.map((t) => t.id) };
    const a = await assignStory(index, member);
    index.save(a.after, a.fileUnder, a.features.time);
    out.push({ id: c.id, gold: c.story, predicted: a.storyId });
  }
  return out;
}

export async function scoreSplits(watchlist: Watchlist): Promise<Record<Split, StoryScores>> {
  const entries = await Promise.all(SPLITS.map(async (s) => [s, scoreStories(await clusterSplit(loadStoryCases(s), watchlist))] as const));
  return Object.fromEntries(entries) as Record<Split, StoryScores>;
}

const pct = (x: number) => x.toFixed(3);

export function formatStoryScores(scores: Record<Split, StoryScores>): string {
  const lines = [`Story clustering (tests/fixtures/stories), B-cubed over storyId, articles in publishedAt order`];
  for (const split of SPLITS) {
    const s = scores[split];
    lines.push(
      `  ${split.padEnd(8)} articles ${String(s.articles).padStart(3)}  stories ${String(s.stories).padStart(3)}  clusters ${String(s.clusters).padStart(3)}  P ${pct(s.precision)}  R ${pct(s.recall)}  F1 ${pct(s.f1)}  merged ${s.merged.length}`,
    );
    for (const m of s.merged) lines.push(`      merged: ${m}`);
    for (const x of s.split) lines.push(`      split:  ${x.story} in ${x.pieces} clusters`);
  }
  const h = scores.heldout;
  const pass = h.f1 >= STORY_GATE.f1 && h.merged.length <= STORY_GATE.merged;
  lines.push(`gate (held-out): F1 >= ${STORY_GATE.f1}, no merged stories: ${pass ? 'PASS' : 'FAIL'}`);
  return lines.join('\n');
}
