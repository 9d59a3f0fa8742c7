import type { StoryFeatures } from './features';
import { bandKeys } from './minhash';

const DAY = 86_400_000;
/** Entities per article that get an index key: enough to find rewrites and translations, few enough to keep reads constant. */
const MAX_PEOPLE = 4;
const MAX_NAMES = 4;
const MAX_NUMBERS = 2;
const YEAR = /^(19|20)\d\d$/;

function day(time: number, offset = 0): string {
  return new Date(time + offset * DAY).toISOString().slice(0, 10);
}

/** Numbers distinctive enough to find a story by (1.16, 7.8, 500, 24), not years or single digits. */
function distinctiveNumbers(numbers: readonly string[]): string[] {
  return numbers.filter((n) => !YEAR.test(n) && (n.includes('.') || n.length >= 2)).slice(0, MAX_NUMBERS);
}

/** Longest skeletons first: "grskvk" says more than "ms". */
function strongestNames(names: readonly string[]): string[] {
  return [...names].sort((a, b) => b.length - a.length || (a < b ? -1 : 1)).slice(0, MAX_NAMES);
}

function entities(f: StoryFeatures): string[] {
  return [
    ...f.people.slice(0, MAX_PEOPLE).map((p) => `p.${p}`),
    ...strongestNames(f.names).map((n) => `n.${n}`),
    ...distinctiveNumbers(f.numbers).map((n) => `d.${n}`),
  ];
}

/**
 * The keys an article's story is filed under: each entity on the article's day, and its LSH bands
 * when the story keeps its signature (`withBands`). The bands exist to find the signatures the copy
 * check compares with; a story keeps only its first few (PROFILE_LIMITS.signatures), so the bands of a
 * later article would find nothing that check could use — a copy of it is found by its entities.
 */
export function writeKeys(f: StoryFeatures, withBands = true): string[] {
  return [...(withBands ? bandKeys(f.signature) : []), ...entities(f).map((e) => `${e}@${day(f.time)}`)];
}

/** The keys to look up for an article: its bands, and each entity on the day before, the day and the day after. */
export function lookupKeys(f: StoryFeatures): string[] {
  const days = [-1, 0, 1].map((offset) => day(f.time, offset));
  return [...bandKeys(f.signature), ...entities(f).flatMap((e) => days.map((d) => `${e}@${d}`))];
}

/** At most this many keys per article, whatever it holds: the reads per article are bounded. */
export const MAX_LOOKUP_KEYS = 8 + (MAX_PEOPLE + MAX_NAMES + MAX_NUMBERS) * 3;
