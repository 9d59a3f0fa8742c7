import type { StoryFeatures } from './features';
import { BANDS, bandKeys } from './minhash';
import { STORY_TUNING } from './similarity';

const DAY = 86_400_000;
const HOUR = 3_600_000;
/**
 * Entity keys are filed per week (weeks counted from the epoch), not per day: an article looks up the
 * weeks within the story window of its time — one, or two near a week's edge — where a day's key
 * needed the day before, the day and the day after, and a story active over several days is filed
 * under each entity once a week instead of once a day. A key still holds the most recently active
 * stories; in a stream that arrives in order those are the same stories whatever the bucket.
 */
const BUCKET = 7 * DAY;
/** How far from the article a story's filings are looked up: the whole window in which it may join one. */
const REACH = STORY_TUNING.windowHours * HOUR;
const BUCKETS_LOOKED_UP = 2;
/** Entities per article that get an index key: enough to find rewrites and translations, few enough to keep reads constant. */
const MAX_PEOPLE = 4;
const MAX_NAMES = 4;
const MAX_NUMBERS = 2;
const YEAR = /^(19|20)\d\d$/;
/**
 * The longest name skeleton or number an index key is made of. A real one is far shorter; a run of
 * capitals or digits thousands long is no name to find a story by, and as a key it would pass
 * DynamoDB's 2,048 bytes for a partition key (a 500 for the article that held it).
 */
const MAX_ENTITY_CHARS = 64;
const keyable = (entity: string) => entity.length <= MAX_ENTITY_CHARS;

/** A week's label: `w` and the day it starts (the `w` keeps it apart from the day keys filed before weeks). */
function week(bucket: number): string {
  return `w${new Date(bucket * BUCKET).toISOString().slice(0, 10)}`;
}

const bucketOf = (time: number) => Math.floor(time / BUCKET);

/** The weeks that hold any time within REACH of `time` (at most BUCKETS_LOOKED_UP, as BUCKET > 2 × REACH). */
function weeksAround(time: number): string[] {
  const out: string[] = [];
  for (let b = bucketOf(time - REACH); b <= bucketOf(time + REACH); b++) out.push(week(b));
  return out;
}

/** Numbers distinctive enough to find a story by (1.16, 7.8, 500, 24), not years or single digits. */
function distinctiveNumbers(numbers: readonly string[]): string[] {
  return numbers.filter((n) => keyable(n) && !YEAR.test(n) && (n.includes('.') || n.length >= 2)).slice(0, MAX_NUMBERS);
}

/** Longest skeletons first: "grskvk" says more than "ms". */
function strongestNames(names: readonly string[]): string[] {
  return names
    .filter(keyable)
    .sort((a, b) => b.length - a.length || (a < b ? -1 : 1))
    .slice(0, MAX_NAMES);
}

function entities(f: StoryFeatures): string[] {
  return [
    ...f.people.slice(0, MAX_PEOPLE).map((p) => `p.${p}`),
    ...strongestNames(f.names).map((n) => `n.${n}`),
    ...distinctiveNumbers(f.numbers).map((n) => `d.${n}`),
  ];
}

/**
 * An article's keys, worked out once per article: its features never change, and clustering asks for
 * the same keys several times (the lookup, whether its bands are needed, what to file).
 */
interface ArticleKeys {
  entityLookup?: readonly string[];
  write?: readonly string[];
  writeWithBands?: readonly string[];
}
/** Each article's keys, by its features (the object clustering passes around for the article). */
const articleKeysByFeatures = new WeakMap<StoryFeatures, ArticleKeys>();

function articleKeys(f: StoryFeatures): ArticleKeys {
  let keys = articleKeysByFeatures.get(f);
  if (keys === undefined) {
    keys = {};
    articleKeysByFeatures.set(f, keys);
  }
  return keys;
}

/**
 * The keys an article's story is filed under: each entity in the article's week, and its LSH bands
 * when the story keeps its signature (`withBands`). The bands exist to find the signatures the copy
 * check compares with; a story keeps only its first few (PROFILE_LIMITS.signatures), so the bands of a
 * later article would find nothing that check could use — a copy of it is found by its entities.
 */
export function writeKeys(f: StoryFeatures, withBands = true): readonly string[] {
  const keys = articleKeys(f);
  if (!withBands) {
    keys.write ??= entities(f).map((e) => `${e}@${week(bucketOf(f.time))}`);
    return keys.write;
  }
  keys.writeWithBands ??= [...bandKeys(f.signature), ...writeKeys(f, false)];
  return keys.writeWithBands;
}

/** Each of the article's entities in the weeks within the story window of its time: what an article looks up first. */
export function entityLookupKeys(f: StoryFeatures): readonly string[] {
  const keys = articleKeys(f);
  if (keys.entityLookup === undefined) {
    const weeks = weeksAround(f.time);
    keys.entityLookup = entities(f).flatMap((e) => weeks.map((w) => `${e}@${w}`));
  }
  return keys.entityLookup;
}

/** The article's LSH band keys: looked up only when its entity keys are busy (candidates.ts, `bandsToLookUp`). */
export function bandLookupKeys(f: StoryFeatures): string[] {
  return bandKeys(f.signature);
}

/** Every key an article may look up: its bands, and each entity in the weeks within the story window of its time. */
export function lookupKeys(f: StoryFeatures): string[] {
  return [...bandLookupKeys(f), ...entityLookupKeys(f)];
}

/** The week part of an entity key (`@w2022-12-08`); undefined for a band key. */
export function weekOf(key: string): string | undefined {
  const at = key.lastIndexOf('@');
  return at < 0 ? undefined : key.slice(at + 1);
}

/** At most this many keys per article, whatever it holds: the reads per article are bounded. */
export const MAX_LOOKUP_KEYS = BANDS + (MAX_PEOPLE + MAX_NAMES + MAX_NUMBERS) * BUCKETS_LOOKED_UP;
