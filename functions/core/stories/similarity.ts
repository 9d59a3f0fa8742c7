import type { StoryFeatures } from './features';
import { estimatedJaccard } from './minhash';
import { countedKeys, type StoryProfile } from './profile';

const HOUR = 3_600_000;

/**
 * The tuning of the clustering, in one place (docs/stories.md explains each). Tuned on
 * tests/fixtures/stories/tune.jsonl and tune-close.jsonl only; the held-out files are scored, never tuned on.
 * A tracked person counts once (`person`): the words of its mentions are not names or shared words (features.ts).
 */
export const STORY_TUNING = {
  /** Estimated shingle Jaccard at or above which an article is a copy of a story's article. */
  copyJaccard: 0.4,
  /** Copies further apart than this are a re-run of old text, judged like any other article. */
  copyWindowHours: 72,
  /** An article further than this from every article of a story never joins it. */
  windowHours: 48,
  /** Evidence needed to join a story that is not a copy. */
  joinScore: 3,
  weights: { person: 1.5, name: 0.75, number: 1, words: 6 },
} as const;

function overlap(values: readonly string[], counts: Record<string, number>): number {
  let n = 0;
  for (const v of values) if (counts[v] !== undefined) n++;
  return n;
}

/**
 * Share of the article's distinct content words the story has seen: same-language rewrites score high.
 * Counted from the story's side (at most PROFILE_LIMITS.words keys) against the article's set.
 */
function wordOverlap(f: StoryFeatures, counts: Record<string, number>): number {
  if (f.distinctWords.length === 0) return 0;
  let n = 0;
  for (const w of countedKeys(counts)) if (f.wordSet.has(w)) n++;
  return n / f.distinctWords.length;
}

/** Hours from the article to the nearest point of the story's time span. */
function gapHours(f: StoryFeatures, p: StoryProfile): number {
  if (f.time >= p.firstAt && f.time <= p.lastAt) return 0;
  return Math.min(Math.abs(f.time - p.firstAt), Math.abs(f.time - p.lastAt)) / HOUR;
}

export function isCopy(f: StoryFeatures, p: StoryProfile): boolean {
  if (gapHours(f, p) > STORY_TUNING.copyWindowHours) return false;
  return p.signatures.some((s) => estimatedJaccard(f.signature, s) >= STORY_TUNING.copyJaccard);
}

/**
 * How strongly the article belongs to the story: shared tracked people, names, numbers and content
 * words. 0 when it is outside the story's time window. Copies are decided by `isCopy` first.
 */
export function evidence(f: StoryFeatures, p: StoryProfile): number {
  if (gapHours(f, p) > STORY_TUNING.windowHours) return 0;
  const w = STORY_TUNING.weights;
  return (
    w.person * overlap(f.people, p.people) +
    w.name * overlap(f.names, p.names) +
    w.number * overlap(f.numbers, p.numbers) +
    w.words * wordOverlap(f, p.words)
  );
}

export interface Candidate {
  id: string;
  profile: StoryProfile;
}

/** The story the article joins (a copy first, else the strongest evidence over the bar), or undefined for a new story. */
export function chooseStory(f: StoryFeatures, candidates: readonly Candidate[]): string | undefined {
  const copy = candidates.find((c) => isCopy(f, c.profile));
  if (copy) return copy.id;
  let best: { id: string; score: number } | undefined;
  for (const c of candidates) {
    const score = evidence(f, c.profile);
    if (score >= STORY_TUNING.joinScore && (!best || score > best.score)) best = { id: c.id, score };
  }
  return best?.id;
}
