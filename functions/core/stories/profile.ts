import * as z from '../zod';
import type { StoryFeatures } from './features';

/** Bounds that keep a story's stored profile a few KB however many articles join it. */
export const PROFILE_LIMITS = { names: 60, numbers: 40, words: 150, signatures: 6, people: 50 } as const;

const Counts = z.record(z.string(), z.number().check(z.int(), z.positive()));

/**
 * What a story remembers of its articles for comparing the next one: feature counts (most frequent
 * kept), a few MinHash signatures and its time span. Parsed with this schema when read back from storage.
 */
export const StoryProfile = z.object({
  firstAt: z.number(),
  lastAt: z.number(),
  articles: z.number().check(z.int(), z.nonnegative()),
  people: Counts,
  names: Counts,
  numbers: Counts,
  words: Counts,
  signatures: z.array(z.array(z.number())),
});
export type StoryProfile = z.infer<typeof StoryProfile>;

export function emptyProfile(time: number): StoryProfile {
  return { firstAt: time, lastAt: time, articles: 0, people: {}, names: {}, numbers: {}, words: {}, signatures: [] };
}

function addCounts(counts: Record<string, number>, values: readonly string[], limit: number): Record<string, number> {
  const next = { ...counts };
  for (const v of new Set(values)) next[v] = (next[v] ?? 0) + 1;
  const entries = Object.entries(next);
  if (entries.length <= limit) return next;
  // Keep the most frequent; ties by key so the result does not depend on insertion order.
  entries.sort(([ka, a], [kb, b]) => b - a || (ka < kb ? -1 : 1));
  return Object.fromEntries(entries.slice(0, limit));
}

/** The profile after one more article joins the story (pure: returns a new profile). */
export function addToProfile(profile: StoryProfile, f: StoryFeatures): StoryProfile {
  const signatures =
    f.signature.length > 0 && profile.signatures.length < PROFILE_LIMITS.signatures
      ? [...profile.signatures, f.signature]
      : profile.signatures;
  return {
    firstAt: Math.min(profile.firstAt, f.time),
    lastAt: Math.max(profile.lastAt, f.time),
    articles: profile.articles + 1,
    people: addCounts(profile.people, f.people, PROFILE_LIMITS.people),
    names: addCounts(profile.names, f.names, PROFILE_LIMITS.names),
    numbers: addCounts(profile.numbers, f.numbers, PROFILE_LIMITS.numbers),
    words: addCounts(profile.words, f.words, PROFILE_LIMITS.words),
    signatures,
  };
}
