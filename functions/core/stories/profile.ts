import * as z from '../zod';
import { type StoryFeatures, startsWithDigit } from './features';
import { SIGNATURE_SIZE } from './minhash';

/** Bounds that keep a story's stored profile a few KB however many articles join it. */
export const PROFILE_LIMITS = { names: 40, numbers: 40, words: 100, signatures: 4, people: 50 } as const;

/** Every value a positive integer count. Checked in one loop: a profile holds ≈ 300 counts and every candidate story is parsed. */
function isCounts(value: unknown): value is Record<string, number> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const counts = value as Record<string, unknown>;
  for (const k in counts) {
    const count = counts[k];
    if (typeof count !== 'number' || !Number.isInteger(count) || count <= 0) return false;
  }
  return true;
}

const Counts = z.custom<Record<string, number>>(isCounts, 'expected a map of positive integer counts');

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
  /** The day its first article to name one by its weekday names (days since the epoch). */
  day: z.optional(z.number().check(z.int())),
});
export type StoryProfile = z.infer<typeof StoryProfile>;

export function emptyProfile(time: number): StoryProfile {
  return { firstAt: time, lastAt: time, articles: 0, people: {}, names: {}, numbers: {}, words: {}, signatures: [] };
}

/** The keys of each map of counts listed so far: a profile's maps never change once built (addToProfile makes new ones). */
const keysOf = new WeakMap<Record<string, number>, readonly string[]>();

/**
 * Notes the keys of a map of counts just built, in the order they were added: that is the order an
 * object lists them unless one reads as a whole number (listed first, in numeric order), which only a
 * key starting with a digit can. Saves listing the new map again when the next article compares with it.
 */
function built(counts: Record<string, number>, order: readonly string[]): Record<string, number> {
  if (order.every((k) => !startsWithDigit(k))) keysOf.set(counts, order);
  return counts;
}

/**
 * A map's keys in order, listed once per map: a story's profile is compared with many articles and
 * grown by the next, and walking a prototype-less map of a hundred words with for…in lists and
 * orders its keys again every time (≈ 5 × the cost of the comparison itself).
 */
export function countedKeys(counts: Record<string, number>): readonly string[] {
  let keys = keysOf.get(counts);
  if (keys === undefined) {
    keys = Object.keys(counts);
    keysOf.set(counts, keys);
  }
  return keys;
}

/**
 * How many of a story's most frequent stems say what it is about (a story of one article: its lead).
 * One number for every story, so each map's leading keys are worked out once.
 */
export const LEAD_STEMS = 20;

/** The leading keys of each map of counts (a profile's maps never change once built). */
const leadingOf = new WeakMap<Record<string, number>, readonly string[]>();

/**
 * The LEAD_STEMS most frequent keys of a map of counts, ties in the map's order: a story's stems it is
 * most about. For a story of one article every stem counts 1 and the order is the text's, so these are
 * its first stems, the lead; later articles lift the stems they repeat. Worked out once per map (a
 * candidate story is compared with one article, then grown into a new map): one histogram and one pass
 * over at most PROFILE_LIMITS.words keys, the cut `addCounts` makes.
 */
export function leadingKeys(counts: Record<string, number>): readonly string[] {
  let lead = leadingOf.get(counts);
  if (lead === undefined) {
    const keys = countedKeys(counts);
    lead = keys;
    if (keys.length > LEAD_STEMS) {
      const values = keys.map((k) => counts[k]!);
      const kept = keepsMostFrequent(values, 0, LEAD_STEMS);
      lead = keys.filter((_, i) => kept(values[i]!));
    }
    leadingOf.set(counts, lead);
  }
  return lead;
}

/**
 * The cut to the `limit` most frequent of `counts` and `ones` more counts of 1 after them: a test to call
 * on each count in that order, true when it is kept. Every count above the one at the cut is kept, and of
 * those equal to it the first ones, until `limit` are kept (the stored order decides ties, so every
 * process cuts alike).
 */
function keepsMostFrequent(counts: readonly number[], ones: number, limit: number): (count: number) => boolean {
  const threshold = countAtCut(counts, ones, limit);
  let above = 0;
  // The ones are never above the cut (every count is at least 1).
  for (const n of counts) if (n > threshold) above++;
  let tiedKept = limit - above;
  return (n) => n > threshold || (n === threshold && tiedKept-- > 0);
}

/**
 * Counts with one more of each of `values` (distinct; `valueSet` holds the same values), cut to the
 * `limit` most frequent; among the keys tied at the cut, the first ones in the counts' order are kept
 * (the story's own keys, then the article's: its words in text order, its names, numbers and people
 * sorted; an object lists keys that read as whole numbers, such as most numbers, first and in numeric
 * order). That order is the stored one (the profile is stored as a JSON string, which keeps it; a story
 * stored before that as a map of the table has whatever order the table gives), so the cut is the same
 * whichever process makes it. Called for every article that joins a story: it finds the count at the cut
 * from a histogram of the counts (a sort when they are large) and makes one pass, where sorting ≈ 200
 * keys cost a new story more than the rest of its decision. The story's counts are looked up in place
 * (the article's values in `valueSet`, the story's keys with `Object.hasOwn`): a map of all of them,
 * ≈ 300 words for a story's next article, was most of what counting cost. Exported for its test.
 */
export function addCounts(
  counts: Record<string, number>,
  values: readonly string[],
  limit: number,
  valueSet: ReadonlySet<string> = new Set(values),
): Record<string, number> {
  const keys = countedKeys(counts);
  if (keys.length === 0) return firstOnce(values, limit);
  // The story's counts, each one more when the article has it; the article's new values count 1.
  const grown = new Array<number>(keys.length);
  for (let i = 0; i < keys.length; i++) grown[i] = counts[keys[i]!]! + (valueSet.has(keys[i]!) ? 1 : 0);
  const added = values.filter((v) => !Object.hasOwn(counts, v));
  if (keys.length + added.length <= limit) {
    const all = newCounts();
    for (let i = 0; i < keys.length; i++) all[keys[i]!] = grown[i]!;
    for (const v of added) all[v] = 1;
    return built(all, [...keys, ...added]);
  }
  // The article's new values count 1, after the story's counts.
  const isKept = keepsMostFrequent(grown, added.length, limit);
  const kept = newCounts();
  const order: string[] = [];
  const keep = (k: string, n: number) => {
    if (isKept(n)) {
      kept[k] = n;
      order.push(k);
    }
  };
  for (let i = 0; i < keys.length; i++) keep(keys[i]!, grown[i]!);
  for (const v of added) keep(v, 1);
  return built(kept, order);
}

/**
 * An empty map of counts without a prototype: such an object is a plain hash table from the start,
 * where a literal `{}` given a hundred keys one by one goes through as many hidden-class changes
 * first (≈ 4 × the time to build and to look up; JSON and the schema treat both the same).
 */
function newCounts(): Record<string, number> {
  return Object.create(null) as Record<string, number>;
}

/** A new story's counts: its first article's first `limit` values (distinct), once each. */
function firstOnce(values: readonly string[], limit: number): Record<string, number> {
  const kept = newCounts();
  for (let i = 0; i < values.length && i < limit; i++) kept[values[i]!] = 1;
  return built(kept, values.length <= limit ? values : values.slice(0, limit));
}

/**
 * Above this count the cut is found by a sort: a histogram is as long as the largest count, and a
 * story's counts grow with its articles (a long-running story's, or a stored one's, can be millions).
 */
const MAX_HISTOGRAM = 4_096;

/** The `limit`-th largest of `grown` and `ones` more counts of 1 (small positive integers: a histogram; large ones: a sort). */
function countAtCut(grown: readonly number[], ones: number, limit: number): number {
  let max = ones > 0 ? 1 : 0;
  for (const n of grown) if (n > max) max = n;
  if (max > MAX_HISTOGRAM) return [...grown, ...new Array<number>(ones).fill(1)].sort((a, b) => b - a)[limit - 1]!;
  const histogram = new Array<number>(max + 1).fill(0);
  for (const n of grown) histogram[n]!++;
  histogram[1]! += ones;
  let seen = 0;
  for (let n = max; n > 0; n--) {
    seen += histogram[n]!;
    if (seen >= limit) return n;
  }
  return 1;
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
    words: addCounts(profile.words, f.distinctWords, PROFILE_LIMITS.words, f.wordSet),
    signatures,
    ...dayOf(profile, f),
  };
}

/**
 * The day the story's event happened, as the first of its articles to name one by its weekday says (`StoryFeatures.day`).
 * Absent rather than empty, so a story whose articles name none is stored as before.
 */
function dayOf(profile: StoryProfile, f: StoryFeatures): Pick<StoryProfile, 'day'> {
  const day = profile.day ?? (f.day >= 0 ? f.day : undefined);
  return day === undefined ? {} : { day };
}

/** Bytes per signature value: MinHash values are unsigned 32-bit integers. */
const VALUE_BYTES = 4;

/** Stored forms of the signatures already encoded: a story keeps its signature arrays from version to version. */
const encoded = new WeakMap<readonly number[], string>();

/**
 * A signature as stored: its values as 4-byte big-endian words in base64, 172 characters where its
 * JSON list of numbers takes ≈ 350 (a story keeps up to 4, and is rewritten by nearly every article).
 * Each array is encoded once: every write of the story stores the same few.
 */
export function encodeSignature(signature: readonly number[]): string {
  let stored = encoded.get(signature);
  if (stored === undefined) {
    let binary = '';
    for (const v of signature) binary += String.fromCharCode(v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff);
    // btoa and atob (global in Node and browsers) keep this free of Node's Buffer: the web console compiles it too.
    stored = btoa(binary);
    encoded.set(signature, stored);
  }
  return stored;
}

/** The signature a stored string holds; undefined unless it is exactly SIGNATURE_SIZE values in base64. */
function decodeSignature(stored: string): number[] | undefined {
  let binary: string;
  try {
    binary = atob(stored);
  } catch {
    return undefined;
  }
  if (binary.length !== SIGNATURE_SIZE * VALUE_BYTES || btoa(binary) !== stored) return undefined;
  const values = new Array<number>(SIGNATURE_SIZE);
  for (let i = 0, b = 0; i < SIGNATURE_SIZE; i++, b += VALUE_BYTES) {
    values[i] =
      ((binary.charCodeAt(b) << 24) | (binary.charCodeAt(b + 1) << 16) | (binary.charCodeAt(b + 2) << 8) | binary.charCodeAt(b + 3)) >>> 0;
  }
  encoded.set(values, stored);
  return values;
}

/**
 * The profile as stored: one JSON string (a map of ≈ 300 counts as typed attributes would cost the SDK
 * and the table one attribute each), signatures encoded.
 */
export function storedProfile(profile: StoryProfile): string {
  return JSON.stringify({ ...profile, signatures: profile.signatures.map(encodeSignature) });
}

/**
 * A stored profile, in the shape StoryProfile checks: the JSON string (signatures encoded, or as
 * lists of numbers in stories written before that), or a map in stories written before the string.
 * A signature string of the wrong form is left as it is, so the schema refuses the story.
 */
export function profileFromStored(stored: unknown): unknown {
  let profile = stored;
  if (typeof profile === 'string') {
    try {
      profile = JSON.parse(profile);
    } catch {
      return undefined;
    }
  }
  if (typeof profile !== 'object' || profile === null || !Array.isArray((profile as { signatures?: unknown }).signatures)) return profile;
  const { signatures } = profile as { signatures: unknown[] };
  return {
    ...profile,
    signatures: signatures.map((s) => (typeof s === 'string' ? (decodeSignature(s) ?? s) : s)),
  };
}
