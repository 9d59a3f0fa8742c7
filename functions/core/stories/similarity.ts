import { differentEvents, eventKinds } from './event-kinds';
import { type StoryFeatures, titleKeysOf } from './features';
import { estimatedJaccard } from './minhash';
import { countedKeys, LEAD_STEMS, leadingKeys, PROFILE_LIMITS, type StoryProfile } from './profile';

const HOUR = 3_600_000;

/**
 * The tuning of the clustering, in one place (docs/stories.md explains each). Tuned on
 * tests/fixtures/stories/tune.jsonl, tune-close.jsonl, tune-background.jsonl, tune-background-2.jsonl and tune-names.jsonl
 * only (the last changed no weight); the held-out files are scored, never tuned on.
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
  /** A story with this many times the article's distinct stems is long next to it: its background counts less. */
  longerStory: 3,
  /**
   * Below this share of the article's stems seen by the story, the article is taken for another language's
   * (for `titlesMeet`: and below it of the story's stems in the article, as a long article holds a short story's).
   */
  sameLanguageShare: 0.3,
  /**
   * One side with this many times the other's distinct stems: the longer may recount the shorter's event as
   * background (or the shorter report one the longer recounts), so their titles must name one event (`titlesMeet`).
   */
  unevenLength: 2,
  weights: { person: 1.5, name: 0.75, number: 1, words: 6 },
} as const;

function overlap(values: readonly string[], counts: Record<string, number>): number {
  let n = 0;
  for (const v of values) if (counts[v] !== undefined) n++;
  return n;
}

/**
 * The article's content words against the story's, from both sides. `seen`: the share of the article's
 * distinct stems the story has seen. `lead`: the share of them (of the lead, when the article has more)
 * among the story's leading stems (`leadingKeys`), counted only against a story `longerStory` times the
 * article's length (else `seen`). A long story recounts earlier events as background: a short report of
 * one of them has its words in that background, not in what the story is about. Each is one pass over at
 * most PROFILE_LIMITS.words keys against the article's set. `back` and `uneven` come from the same count.
 */
function wordShares(f: StoryFeatures, counts: Record<string, number>): WordShares {
  const n = f.distinctWords.length;
  const stems = countedKeys(counts);
  const m = stems.length;
  if (n === 0 || m === 0) return { seen: 0, lead: 0, back: 0, uneven: false };
  const both = shared(f, stems);
  const seen = both / n;
  const back = both / m;
  // A story at the profile's cap of stems may be longer than it shows: it is never the short side.
  const uneven = m >= STORY_TUNING.unevenLength * n || (m < PROFILE_LIMITS.words && n >= STORY_TUNING.unevenLength * m);
  if (m < STORY_TUNING.longerStory * n) return { seen, lead: seen, back, uneven };
  return { seen, lead: Math.min(seen, shared(f, leadingKeys(counts)) / Math.min(n, LEAD_STEMS)), back, uneven };
}

interface WordShares {
  /** The share of the article's distinct stems the story has seen. */
  seen: number;
  /** The share that counts: `seen`, or against a long story the share in its lead. */
  lead: number;
  /** The share of the story's stems the article has. */
  back: number;
  /** Whether one side has `unevenLength` times the other's stems. */
  uneven: boolean;
}

function shared(f: StoryFeatures, stems: readonly string[]): number {
  let n = 0;
  for (const w of stems) if (f.wordSet.has(w)) n++;
  return n;
}

/**
 * Whether the article's title and the story's (its earliest article's) name one event: they share a stem,
 * name or number, or a number of the article's title is among the story's. An article in another
 * language meets it with any of its names or numbers in the story's title: a translation's title says
 * it in its own words, but the places and figures carry over. One pass over a title's dozen keys.
 */
function titlesMeet(f: StoryFeatures, p: StoryProfile, storyTitle: ReadonlySet<string>, otherLanguage: boolean): boolean {
  for (const k of f.titleKeys) if (storyTitle.has(k) || p.numbers[k] !== undefined) return true;
  for (const k of f.titleNames) if (storyTitle.has(k)) return true;
  if (!otherLanguage) return false;
  for (const k of f.names) if (storyTitle.has(k)) return true;
  for (const k of f.numbers) if (storyTitle.has(k)) return true;
  return false;
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
 * words. 0 when it is outside the story's time window. Copies are decided by `isCopy` first. The words
 * count as much as the article shares the story's lead (`wordShares`); where the article writes the
 * story's language, its names and numbers count in the proportion of its shared words that are in the
 * lead, since the background of a long story names the places and dates of the events it recounts.
 * Where one side has `unevenLength` times the other's stems and their titles do not meet (`titlesMeet`),
 * only the shared people count: the longer one's lead may itself recount the shorter one's event.
 * Where the article would join, and its title and the story's name different kinds of event (an arrest
 * and a court's custody order, a swap and the arrival home: `eventKinds`), it is another event: 0. What
 * else the two share (the people, the places, the background) is what different events about the same
 * people share too; the title says what happened.
 */
export function evidence(f: StoryFeatures, p: StoryProfile, storyTitle?: string): number {
  if (gapHours(f, p) > STORY_TUNING.windowHours) return 0;
  const w = STORY_TUNING.weights;
  const people = w.person * overlap(f.people, p.people);
  const { seen, lead, back, uneven } = wordShares(f, p.words);
  const otherLanguage = Math.max(seen, back) < STORY_TUNING.sameLanguageShare;
  // The story's title is read only here, where it decides: most candidates are of comparable length.
  if (uneven && storyTitle !== undefined && !titlesMeet(f, p, titleKeysOf(storyTitle), otherLanguage)) return people;
  const inLead = seen >= STORY_TUNING.sameLanguageShare ? lead / seen : 1;
  const score = people + inLead * (w.name * overlap(f.names, p.names) + w.number * overlap(f.numbers, p.numbers)) + w.words * lead;
  // The story's title is read only where it would join: a title naming another kind of event is another event.
  if (score >= STORY_TUNING.joinScore && (otherDay(f, p) || otherKinds(f, storyTitle))) return 0;
  return score;
}

/** Whether the article's lead and the story's name different days (each by its weekday). */
function otherDay(f: StoryFeatures, p: StoryProfile): boolean {
  return f.day >= 0 && p.day !== undefined && f.day !== p.day;
}

/** Whether the article's title and the story's name different kinds of event (`eventKinds`). */
function otherKinds(f: StoryFeatures, storyTitle: string | undefined): boolean {
  return storyTitle !== undefined && differentEvents(f.titleKinds, eventKinds(storyTitle));
}

export interface Candidate {
  id: string;
  profile: StoryProfile;
  /** The story's title (its earliest article's): what it says happened, for `titlesMeet`. */
  title?: string;
}

/** The story the article joins (a copy first, else the strongest evidence over the bar), or undefined for a new story. */
export function chooseStory(f: StoryFeatures, candidates: readonly Candidate[]): string | undefined {
  const copy = candidates.find((c) => isCopy(f, c.profile));
  if (copy) return copy.id;
  let best: { id: string; score: number } | undefined;
  for (const c of candidates) {
    const score = evidence(f, c.profile, c.title);
    if (score >= STORY_TUNING.joinScore && (!best || score > best.score)) best = { id: c.id, score };
  }
  return best?.id;
}
