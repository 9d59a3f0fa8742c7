import { HYPHEN, isAsciiDigit, SMALL_A, SMALL_Z } from '../text/char-codes';
import * as z from '../zod';
import { entityLookupKeys, lookupKeys, weekOf, writeKeys } from './index-keys';
import type { StoryFeatures } from './features';
import { STORY_TUNING } from './similarity';

/** Stories compared in full per article, at most: the second read per article is bounded too. */
export const MAX_CANDIDATES = 8;
/** Hits further than this from the article are not counted: the copy window, the widest any join uses. */
const RANK_REACH = STORY_TUNING.copyWindowHours * 3_600_000;
/** Stories one index key remembers (the most recently active): a busy name on a busy day stays one small item. */
export const STORIES_PER_KEY = 20;

/** An index key's item: story id → when that story last filed an article under the key (epoch ms). */
export type KeyEntry = Record<string, number>;

/**
 * A new, empty entry: an object without a prototype, which V8 keeps as a hash table from the start.
 * An entry's keys are story ids, a new one with nearly every story; an ordinary `{}` given them gets a
 * hidden class per id added (a new one for every story, kept in the old generation, and lookups that miss
 * every inline cache), which cost the server more than reading the entries themselves. Its keys are
 * listed in the same order as an ordinary object's (as added; keys that read as whole numbers first).
 */
export function newEntry(): KeyEntry {
  return Object.create(null) as KeyEntry;
}

/** A copy of an entry (or an empty one), its stories in the same order. */
function copyOf(entry: KeyEntry | undefined): KeyEntry {
  const copy = newEntry();
  for (const id in entry) copy[id] = entry[id]!;
  return copy;
}

/** Between a story id and its time, and between stories, in an entry's stored form (story ids hold neither). */
const ID_TIME = ':';
const BETWEEN = ' ';
const TIME_RADIX = 36;

/**
 * An entry as the table stores it: one string, `<storyId>:<time in base 36>` per story, space-separated.
 * As a map, every story is a typed attribute that the SDK marshals and the table validates one by one:
 * a full entry of 20 stories cost the local stand-in and the SDK about 3 × the CPU of the same entry as
 * one string (docs/benchmarks.md, stories). Nothing here depends on the order of the stories.
 */
export function encodeKeyEntry(entry: KeyEntry): string {
  let stored = '';
  for (const id in entry) stored += `${stored === '' ? '' : BETWEEN}${id}${ID_TIME}${entry[id]!.toString(TIME_RADIX)}`;
  return stored;
}

/** A stored time has at most this many base-36 digits (after an optional minus sign). */
const MAX_TIME_DIGITS = 12;

/** Whether `text` from `from` to `to` is a stored time: an optional minus, then 1–12 of 0–9 and a–z. */
function isStoredTime(text: string, from: number, to: number): boolean {
  let i = from < to && text.charCodeAt(from) === HYPHEN ? from + 1 : from;
  if (to - i < 1 || to - i > MAX_TIME_DIGITS) return false;
  for (; i < to; i++) {
    const c = text.charCodeAt(i);
    if (!(isAsciiDigit(c) || (c >= SMALL_A && c <= SMALL_Z))) return false;
  }
  return true;
}

/**
 * Each space-separated part `<storyId>:<time>` of the string, read in place: every article reads a
 * few full entries (20 stories each), and splitting them into parts and testing each time with a
 * regular expression was most of what reading them cost.
 */
function decodeString(stored: string): KeyEntry {
  const entry = newEntry();
  for (let start = 0; start <= stored.length; ) {
    const found = stored.indexOf(BETWEEN, start);
    const end = found < 0 ? stored.length : found;
    // The last ID_TIME of this part (one found before the part's start belongs to an earlier part).
    const cut = stored.lastIndexOf(ID_TIME, end - 1);
    // A malformed story is left out: the entry is a hint for finding candidates, never the record.
    if (cut > start && isStoredTime(stored, cut + 1, end))
      entry[stored.slice(start, cut)] = Number.parseInt(stored.slice(cut + 1, end), TIME_RADIX);
    start = end + 1;
  }
  return entry;
}

/** An entry read back from storage: the string form, or the map that items written before it hold. */
export const StoredKeyEntry = z.pipe(
  z.union([z.string(), z.record(z.string(), z.number().check(z.int()))]),
  z.transform((stored): KeyEntry => (typeof stored === 'string' ? decodeString(stored) : copyOf(stored))),
);

/** The entry an index item holds (an empty one when it holds nothing readable). */
export function decodeKeyEntry(stored: unknown): KeyEntry {
  // The string every item written now holds is checked part by part as it is decoded; the schema is for the rest.
  if (typeof stored === 'string') return decodeString(stored);
  const parsed = StoredKeyEntry.safeParse(stored);
  return parsed.success ? parsed.data : newEntry();
}

/**
 * A hit's weight is inversely proportional to how many stories its key lists: a key shared by few
 * stories (a distinctive number, a band) says more than a busy place name. Weights are whole numbers
 * (this constant is divisible by every count up to STORIES_PER_KEY) so that a story's sum is exact
 * whatever order the keys were read in.
 */
const HIT_WEIGHT = 232_792_560;

/**
 * The stories worth comparing: those with the most weight of hits among the article's keys (filed
 * within RANK_REACH of `time`, the article's), most recent first on ties (then by id, so the order
 * never depends on the order read). A full index answers 24 keys × 20 stories, so this counts in two
 * flat maps and keeps only the best MAX_CANDIDATES instead of sorting all.
 */
export function rankCandidates(found: ReadonlyMap<string, KeyEntry>, time: number): string[] {
  const hits = new Map<string, number>();
  const latest = new Map<string, number>();
  for (const entry of found.values()) {
    let size = 0;
    for (const _ in entry) size++;
    const weight = Math.floor(HIT_WEIGHT / size);
    for (const id in entry) {
      const at = entry[id]!;
      // A filing further away than any story can join from is no hint (a week's key spans seven days).
      if (Math.abs(at - time) > RANK_REACH) continue;
      hits.set(id, (hits.get(id) ?? 0) + weight);
      if (at > (latest.get(id) ?? -Infinity)) latest.set(id, at);
    }
  }
  const before = (a: string, b: string) => hits.get(b)! - hits.get(a)! || latest.get(b)! - latest.get(a)! || (a < b ? -1 : 1);
  const best: string[] = [];
  for (const id of hits.keys()) {
    if (best.length === MAX_CANDIDATES && before(best[best.length - 1]!, id) <= 0) continue;
    let at = best.length;
    while (at > 0 && before(id, best[at - 1]!) < 0) at--;
    best.splice(at, 0, id);
    if (best.length > MAX_CANDIDATES) best.pop();
  }
  return best;
}

/**
 * An entity key that holds fewer stories than this keeps a story it is given for as long as a copy
 * can arrive: STORIES_PER_KEY - QUIET_KEY_STORIES more stories would have to be filed under it first.
 */
const QUIET_KEY_STORIES = STORIES_PER_KEY / 4;
/** Quiet entity keys that make the LSH bands unnecessary: a copy shares its original's entities. */
const QUIET_KEYS_NEEDED = 2;

/** How many of `keys` are quiet (list fewer than QUIET_KEY_STORIES stories) in `found`. */
function quietKeys(keys: readonly string[], found: ReadonlyMap<string, KeyEntry>): number {
  let quiet = 0;
  for (const k of keys) {
    let stories = 0;
    for (const _ in found.get(k)) if (++stories >= QUIET_KEY_STORIES) break;
    if (stories < QUIET_KEY_STORIES) quiet++;
  }
  return quiet;
}

/**
 * Whether the article's story has to be filed under the LSH bands too. A copy is found through the
 * entity keys it shares with its original as long as one of them still lists the story; the bands are
 * what finds it when every entity key is busy (a famous name in a busy week: the story may be pushed
 * out of a full key before its copies arrive) or the article has too few names and numbers. Filing
 * the bands only then saves most of a new story's index writes.
 */
export function bandsNeeded(f: StoryFeatures, found: ReadonlyMap<string, KeyEntry>): boolean {
  return quietKeys(writeKeys(f, false), found) < QUIET_KEYS_NEEDED;
}

/**
 * Whether an article whose entity keys read `found` must look up its bands as well: when, in any week
 * it looked up, fewer than QUIET_KEYS_NEEDED of its entity keys are quiet. Its original, filed in one
 * of those weeks under the same entities, saw them at most as busy (an entry only fills up), so it
 * was filed under its bands only if this holds. It also holds whenever `bandsNeeded` does (the
 * article's own week is one it looked up), so an article files its bands only after reading them.
 */
export function bandsToLookUp(f: StoryFeatures, found: ReadonlyMap<string, KeyEntry>): boolean {
  const byWeek = new Map<string, string[]>();
  for (const k of entityLookupKeys(f)) {
    const week = weekOf(k)!;
    byWeek.set(week, [...(byWeek.get(week) ?? []), k]);
  }
  if (byWeek.size === 0) return true;
  for (const keys of byWeek.values()) if (quietKeys(keys, found) < QUIET_KEYS_NEEDED) return true;
  return false;
}

/** The article's own keys that do not list the story yet: joining a story writes only what is new. */
export function keysToFile(f: StoryFeatures, storyId: string, found: ReadonlyMap<string, KeyEntry>, withBands = true): string[] {
  return writeKeys(f, withBands && bandsNeeded(f, found)).filter((k) => found.get(k)?.[storyId] === undefined);
}

/** A key's entry with one more story, cut to the most recent STORIES_PER_KEY. */
export function withStory(entry: KeyEntry | undefined, storyId: string, at: number): KeyEntry {
  const next = copyOf(entry);
  next[storyId] = Math.max(at, entry?.[storyId] ?? 0);
  return mostRecent(next);
}

/**
 * Two readings of one key's entry (the table's and this process's own filings) as one: every story at
 * its latest time, kept to the STORIES_PER_KEY most recent as the table keeps it. Without the cap a
 * busy key's filings, merged again on every article, grew for as long as the key stayed busy.
 */
export function mergeEntries(a: KeyEntry | undefined, b: KeyEntry | undefined): KeyEntry | undefined {
  if (!a || !b) return a ?? b;
  // Usually the table's entry already holds this process's filings (they were written): then the merge
  // would be a copy of `a`, so `a` is the answer (entries are never changed once made).
  if (!addsTo(a, b) && withinCap(a)) return a;
  const merged = copyOf(a);
  for (const id in b) merged[id] = Math.max(b[id]!, merged[id] ?? 0);
  return mostRecent(merged);
}

/** Whether `b` lists a story `a` does not, or at a later time. */
function addsTo(a: KeyEntry, b: KeyEntry): boolean {
  for (const id in b) if (!(a[id]! >= b[id]!)) return true;
  return false;
}

/** Whether the entry lists at most STORIES_PER_KEY stories (counted without listing them). */
function withinCap(entry: KeyEntry): boolean {
  let stories = 0;
  for (const _ in entry) if (++stories > STORIES_PER_KEY) return false;
  return true;
}

/**
 * An entry kept to its STORIES_PER_KEY most recently active stories, latest first and, at equal times,
 * in the entry's order (a stable sort). Listing the entry as pairs once is cheaper than looking its
 * stories up one by one: picking the 20 in one pass by lookups measured slower than this sort.
 */
function mostRecent(entry: KeyEntry): KeyEntry {
  if (withinCap(entry)) return entry;
  const stories = Object.entries(entry).sort(([, a], [, b]) => b - a);
  const kept = newEntry();
  for (let i = 0; i < STORIES_PER_KEY; i++) kept[stories[i]![0]] = stories[i]![1];
  return kept;
}

export { lookupKeys };
