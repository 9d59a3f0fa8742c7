import { rng, streamArticles } from '../../../bench/news-stream';
import { createTagger } from '../../../functions/core/tagger';
import { assignStory } from '../../../functions/core/stories/assign';
import { storyFeatures } from '../../../functions/core/stories/features';
import { MemoryStoryIndex } from '../../../functions/core/stories/memory-index';
import { defaultWatchlist, type Watchlist } from '../../../functions/core/watchlist';
import { loadStoryCases, SPLITS, type Split, type StoryCase } from './story-fixtures';
import { type Labelled, scoreStories, type StoryScores } from './story-score';

/** The acceptance bar on held-out articles. */
export const STORY_GATE = { f1: 0.9, merged: 0 } as const;
/**
 * The bar on held-out different events about the same people hours apart (heldout-close.jsonl): its
 * first run, when a tracked person named in full reached the joining bar alone, scored 0.657.
 */
export const CLOSE_GATE = { f1: 0.9 } as const;

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
    // Ingest clusters the stored article, tags and all: the features read where the people are named.
    const a = await assignStory(index, member, storyFeatures({ ...member, tags }));
    index.save(a.after, a.fileUnder, a.features.time);
    out.push({ id: c.id, gold: c.story, predicted: a.storyId });
  }
  return out;
}

/** The generated news stream's size and seed: the one docs/stories.md reports (1,246 stories in 2,000 articles). */
export const GENERATED_STREAM = { articles: 2000, seed: 42, matchShare: 0.2 } as const;
/**
 * Its bar: a stream of hundreds of stories at once, big and small, copies and rewrites, sharing common
 * place names, one story in five naming a tracked person — what a change to the index, the profile or the
 * features must not break (tagged, 2026-12-01: P 0.988, R 1.000; the code before a person counted once: P 0.827).
 */
export const STREAM_GATE = { precision: 0.98, recall: 0.99 } as const;

/**
 * The benchmark's generated news stream (bench/news-stream.ts) clustered in order through the same
 * code, scored against the story each article was generated from. No tracked people: names, numbers,
 * words and signatures only.
 */
export async function scoreGeneratedStream(): Promise<StoryScores> {
  const { articles, stories } = streamArticles(GENERATED_STREAM.articles, rng(GENERATED_STREAM.seed), GENERATED_STREAM.matchShare);
  // Tagged as ingest tags them, with the watchlist `npm start` begins with: about one story in five names
  // one of its people, and those stories must stay apart from each other (an untagged stream hid that a
  // person named in full once joined every story about them).
  const tagger = createTagger(defaultWatchlist);
  const index = new MemoryStoryIndex();
  const out: Labelled[] = [];
  for (const [i, article] of articles.entries()) {
    const tags = tagger.tag(article);
    const member = { ...article, id: `stream-${i}`, people: tags.people.map((p) => p.id), topics: tags.topics.map((t) => t.id) };
    const a = await assignStory(index, member, storyFeatures({ ...member, tags }));
    index.save(a.after, a.fileUnder, a.features.time);
    out.push({ id: `stream-${i}`, gold: String(stories[i]), predicted: a.storyId });
  }
  return scoreStories(out);
}

export function formatStreamScores(s: StoryScores): string {
  const pass = s.precision >= STREAM_GATE.precision && s.recall >= STREAM_GATE.recall;
  return [
    `Generated news stream (bench/news-stream.ts, seed ${GENERATED_STREAM.seed}), articles in time order`,
    `  articles ${s.articles}  stories ${s.stories}  clusters ${s.clusters}  P ${pct(s.precision)}  R ${pct(s.recall)}  F1 ${pct(s.f1)}  merged pairs ${s.merged.length}  split ${s.split.length}`,
    `gate (stream): P >= ${STREAM_GATE.precision}, R >= ${STREAM_GATE.recall}: ${pass ? 'PASS' : 'FAIL'}`,
  ].join('\n');
}

/**
 * Splits tagged with the watchlist `npm start` begins with, as they were met on the running API: there
 * Brittney Griner and Trevor Reed are nobody tracked, and their names count as untracked people's.
 */
const DEFAULT_WATCHLIST_SPLITS: ReadonlySet<Split> = new Set(['heldout-events-k']);

export async function scoreSplits(watchlist: Watchlist): Promise<Record<Split, StoryScores>> {
  const entries = await Promise.all(
    SPLITS.map(async (s) => {
      const tagging = DEFAULT_WATCHLIST_SPLITS.has(s) ? defaultWatchlist : watchlist;
      return [s, scoreStories(await clusterSplit(loadStoryCases(s), tagging))] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<Split, StoryScores>;
}

const pct = (x: number) => x.toFixed(3);
/** How each split is named in the report. */
const SPLIT_LABELS: Record<Split, string> = {
  tune: 'tune',
  heldout: 'held-out',
  'tune-close': 'tune, close in time',
  'heldout-close': 'held-out, close in time',
  'tune-background': 'tune, background',
  'heldout-background': 'held-out, background',
  'heldout-background-2': 'held-out, background 2',
  'tune-background-2': 'tune, report first',
  'heldout-names': 'held-out, names',
  'tune-names': 'tune, names',
  'heldout-events-a': 'held-out, events a',
  'heldout-events-b': 'held-out, events b',
  'heldout-events-c': 'held-out, events c',
  'heldout-events-d': 'held-out, events d',
  'heldout-events-e': 'held-out, events e',
  'heldout-events-f': 'held-out, events f',
  'heldout-names-2': 'held-out, names 2',
  'heldout-events-g': 'held-out, events g',
  'heldout-events-h': 'held-out, events h',
  'heldout-events-i': 'held-out, events i',
  'heldout-events-j': 'held-out, events j',
  'heldout-events-k': 'held-out, events k',
};

export function formatStoryScores(scores: Record<Split, StoryScores>): string {
  const lines = [`Story clustering (tests/fixtures/stories), B-cubed over storyId, articles in publishedAt order`];
  for (const split of SPLITS) {
    const s = scores[split];
    lines.push(
      `  ${SPLIT_LABELS[split].padEnd(24)} articles ${String(s.articles).padStart(3)}  stories ${String(s.stories).padStart(3)}  clusters ${String(s.clusters).padStart(3)}  P ${pct(s.precision)}  R ${pct(s.recall)}  F1 ${pct(s.f1)}  merged ${s.merged.length}`,
    );
    for (const m of s.merged) lines.push(`      merged: ${m}`);
    for (const x of s.split) lines.push(`      split:  ${x.story} in ${x.pieces} clusters`);
  }
  const h = scores.heldout;
  const pass = h.f1 >= STORY_GATE.f1 && h.merged.length <= STORY_GATE.merged;
  lines.push(`gate (held-out): F1 >= ${STORY_GATE.f1}, no merged stories: ${pass ? 'PASS' : 'FAIL'}`);
  const close = scores['heldout-close'].f1 >= CLOSE_GATE.f1;
  lines.push(`gate (held-out, close in time): F1 >= ${CLOSE_GATE.f1}: ${close ? 'PASS' : 'FAIL'}`);
  return lines.join('\n');
}
