import { ASCII_END, CAPITAL_A, CAPITAL_Z, isAsciiDigit } from '../text/char-codes';
import { forEachToken, keyOf } from '../text/word-keys';
import { eventKinds } from './event-kinds';
import { leadDay } from './lead';
import { signatureOf } from './minhash';
import { isWrittenStopWord, STOP_WORDS } from './stop-words';

/** Where the tagger found a tracked person: UTF-16 offsets into the article's title or body. */
export interface PersonMention {
  field: 'title' | 'body';
  start: number;
  end: number;
}

/** What the story clustering reads of an article: its text, time and the tracked people the tagger found. */
export interface ClusterInput {
  title?: string;
  body: string;
  publishedAt: string;
  people: readonly string[];
  /** The tagger's result (a stored article's `tags`): where each person is named, so the name counts once, as the person. */
  tags?: { people: readonly { mentions: readonly PersonMention[] }[] };
}

/**
 * The features one article is compared by. `names` and `numbers` bridge languages (a name's consonant
 * skeleton is the same in Latin and Cyrillic: "Abu Dhabi" and "Абу-Даби" are both "b db"); the
 * content-word stems find rewrites in one language; `signature` (of the stems in text order) finds
 * near-copies. The stems in text order are not kept: an article's features live as long as its
 * ingest, across table round trips, and a copy of every stem was most of what they held.
 */
export interface StoryFeatures {
  time: number;
  people: string[];
  names: string[];
  numbers: string[];
  /** The article's content-word stems without repeats, in text order: every candidate story is compared against them. */
  distinctWords: string[];
  /** The same as a set, for counting the words a story shares with the article. */
  wordSet: ReadonlySet<string>;
  signature: number[];
  /**
   * The stems, names and numbers of the article's title (of its first TITLE_FROM_BODY characters when it has
   * none, as a story is titled), without a tracked person's words: what the article says happened.
   */
  titleKeys: ReadonlySet<string>;
  /**
   * The names of untracked people named in full that its title holds (out of `titleKeys`, as a tracked
   * person's words are): a rewrite whose title shares only the people with the story's still names its event.
   */
  titleNames: ReadonlySet<string>;
  /** The kinds of event its title names (`eventKinds`): an arrest, a custody order, a sentence, a release, an arrival. */
  titleKinds: number;
  /** The day (since the epoch) the lead's main clause names by its weekday ("on Friday", "в пятницу"), or -1. */
  day: number;
}

/** A story without a title is titled by this many first characters of its body (membership.ts); an article's title keys are read alike. */
const TITLE_FROM_BODY = 120;

/** Content words are cut to this many key characters: a crude stem ("sentenced", "sentence" → "senten"). */
const STEM = 6;
const MIN_WORD = 4;
/**
 * Russian case endings stripped before a name's skeleton ("Бутом" → "Бут", "Газиантепа" → "Газиантеп"). Not
 * -ов/-ев: in a name that is the nominative's own end ("Лавров", "Песков"), which the Latin spelling keeps.
 */
const CASE_ENDING = /(ами|ями|ого|его|ому|ему|ом|ем|ой|ей|ым|им|ам|ям|ах|ях|ую|а|я|у|ю|е|ы|и)$/;
const NUMBER = /\d+(?:[.,]\d+)?/g;
const VOWELS_AND_H = /[aeiouh]/g;

/** A name's consonant skeleton: key without vowels and h, doubled letters once ("Gershkovich" → "grskvk"). */
export function skeleton(key: string): string {
  return key.replace(VOWELS_AND_H, '').replace(/(.)\1+/g, '$1');
}

/**
 * A name's skeleton without the k of an initial Х or Kh: Russian writes an English name's H as Х ("Hubbard",
 * "Хаббард"), and the word keys write Х as kh, so the two skeletons were brd and kbrd. The k goes for Kh as well,
 * so a Russian name in Х meets its Latin spelling in Kh ("Ходорковский", "Khodorkovsky"); an initial Ch or Ч
 * (also kh in the keys) keeps it ("Chris", "Крис").
 */
function withoutInitialKh(word: string, sk: string): string {
  // A name is capitalised (nameOf reads no other word): its first letter is Х or K.
  const kh = word[0] === 'Х' || (word[0] === 'K' && (word[1] === 'h' || word[1] === 'H'));
  return kh && sk.startsWith('k') ? sk.slice(1) : sk;
}

function isCapitalised(text: string, start: number): boolean {
  // An ASCII letter by its code (most of every article's words): the same answer without two new strings.
  const c = text.charCodeAt(start);
  if (c < ASCII_END) return c >= CAPITAL_A && c <= CAPITAL_Z;
  const ch = text[start]!;
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

/** Whether a key starts with a digit 0–9 (a number's token: numbers are counted apart). */
export function startsWithDigit(key: string): boolean {
  return isAsciiDigit(key.charCodeAt(0));
}

/**
 * Whether a word token is a stop word: its key is one, and, when it is capitalised (a name or a sentence's
 * first word), the word as written is one too. Word keys fold spellings, so a name can fold to a stop
 * word's key ("Beijing" and "being", "Dai" and "day") and would be taken for neither a name nor a word;
 * the written form is read only for a capitalised token whose key is a stop word's, a few per article.
 */
function isStopWord(text: string, start: number, end: number, key: string, capitalised: boolean): boolean {
  return STOP_WORDS.has(key) && (!capitalised || isWrittenStopWord(text.slice(start, end)));
}

/** A content word's stem, or undefined for a short word or a stop word. */
function stemOf(key: string, stop: boolean): string | undefined {
  return key.length >= MIN_WORD && !stop ? key.slice(0, STEM) : undefined;
}

/**
 * The name a word token (`text` from `start` to `end`, its key `key`) gives, if it is one: a capitalised
 * word that is no stop word. Called where the token's stem was worked out (`stop` says whether it is a
 * stop word), so the stop words are looked up once.
 */
function nameOf(
  text: string,
  start: number,
  end: number,
  key: string,
  cyrillic: boolean,
  capitalised: boolean,
  stop: boolean,
): string | undefined {
  if (!capitalised || stop) return undefined;
  const word = text.slice(start, end);
  const base = cyrillic && word.length > 4 ? word.replace(CASE_ENDING, '') : word;
  // `base` is one word (a token, perhaps without its ending): its key is the key of all of it.
  const folded = keyOf(base) || key;
  const sk = withoutInitialKh(word, skeleton(folded));
  return sk.length >= 2 ? sk : undefined;
}

function numbersOf(text: string): string[] {
  return (text.match(NUMBER) ?? []).map((n) => n.replace(',', '.'));
}

/**
 * Where the article names its tracked people, as [start, end) pairs of offsets into `text` (the title,
 * a newline, the body), sorted by start. A handful per article: the tagger reports each mention once.
 */
function mentionSpans(article: ClusterInput, title: string | undefined): number[][] {
  const bodyAt = title ? title.length + 1 : 0;
  const spans: number[][] = [];
  for (const person of article.tags?.people ?? []) {
    for (const m of person.mentions) {
      const at = m.field === 'title' ? 0 : bodyAt;
      spans.push([at + m.start, at + m.end]);
    }
  }
  return spans.sort((a, b) => a[0]! - b[0]!);
}

/**
 * The article's title, or undefined when it has none or only white space: such an article is read, as
 * its story is titled (membership.ts), by the first characters of its body.
 */
function ownTitle(article: ClusterInput): string | undefined {
  return article.title?.trim() ? article.title : undefined;
}

/**
 * Where an untitled article's story title comes from (membership.ts titles the story with it, and the
 * title keys are read from it): the body's first TITLE_FROM_BODY characters after any white space.
 */
export function untitledLead(body: string): { start: number; end: number } {
  const start = body.length - body.trimStart().length;
  return { start, end: Math.min(body.length, start + TITLE_FROM_BODY) };
}

/** Whether the text between two words joins them into one name: a single space or hyphen ("Alexei Moskalev", "Кара-Мурза"). */
function joinsName(text: string, end: number, start: number): boolean {
  if (start - end !== 1) return false;
  const c = text[end];
  return c === ' ' || c === '-' || c === '\u00a0';
}

function addStem(nameStems: Map<string, Set<string>>, name: string, stem: string): void {
  const stems = nameStems.get(name);
  if (stems) stems.add(stem);
  else nameStems.set(name, new Set([stem]));
}

export function storyFeatures(article: ClusterInput): StoryFeatures {
  const title = ownTitle(article);
  const text = title ? `${title}\n${article.body}` : article.body;
  const { start: titleStart, end: titleEnd } = title ? { start: 0, end: title.length } : untitledLead(text);
  const titleKeys = new Set<string>(numbersOf(text.slice(titleStart, titleEnd)));
  /** Where the article's own headline ends (-1: none, the title keys come from the body's lead). */
  const headlineEnd = title ? title.length : -1;
  const names = new Set<string>();
  /** Every content stem in text order, for the signature: a copy names the same people, so they stay in it. */
  const words: string[] = [];
  const wordSet = new Set<string>();
  /**
   * The stems each name was written with, to take them out of the words once the name is known for a person's:
   * all of them, since a short Russian name declined gives another stem in each case ("Мурза", "Мурзу").
   */
  const nameStems = new Map<string, Set<string>>();
  /** Names of people the tagger does not track, named in full: like a tracked person's words, names only, not words or title keys. */
  const fullNames = new Set<string>();
  let previousName: string | undefined;
  let previousEnd = -1;
  const spans = mentionSpans(article, title);
  let span = 0;
  forEachToken(text, (start, end, key, cyrillic) => {
    if (startsWithDigit(key)) {
      previousName = undefined;
      return;
    }
    // Tokens come in text order: pass the mentions that end before this one.
    while (span < spans.length && spans[span]![1]! <= start) span++;
    // A tracked person's name is counted as the person only, not again as names and shared words:
    // else a person named in full reached the joining bar alone (docs/stories.md, Decision).
    const inMention = span < spans.length && spans[span]![0]! <= start;
    const capitalised = isCapitalised(text, start);
    const stop = isStopWord(text, start, end, key, capitalised);
    const stem = stemOf(key, stop);
    if (stem) words.push(stem);
    if (inMention) {
      previousName = undefined;
      return;
    }
    const name = nameOf(text, start, end, key, cyrillic, capitalised, stop);
    if (name) {
      names.add(name);
      if (stem) addStem(nameStems, name, stem);
      // Two names in a row name someone (or something) in full: counted as names, never again as words.
      // Read in the body only: a headline in Title Case or capitals ("Russia Frees Journalist In Swap")
      // capitalises every word, and would lose its words and title keys to that rule.
      if (previousName !== undefined && start > headlineEnd && joinsName(text, previousEnd, start)) fullNames.add(previousName).add(name);
    }
    previousName = name;
    previousEnd = end;
    if (stem) wordSet.add(stem);
    if (end <= titleEnd) {
      if (name) titleKeys.add(name);
      if (stem) titleKeys.add(stem);
    }
  });
  const titleNames = new Set<string>();
  for (const name of fullNames) {
    for (const stem of nameStems.get(name) ?? []) {
      wordSet.delete(stem);
      titleKeys.delete(stem);
    }
    if (titleKeys.delete(name)) titleNames.add(name);
  }
  const time = Date.parse(article.publishedAt);
  return {
    time,
    people: [...new Set(article.people)].sort(),
    names: [...names].sort(),
    numbers: [...new Set(numbersOf(text))].sort(),
    distinctWords: [...wordSet],
    wordSet,
    signature: signatureOf(words),
    titleKeys,
    titleNames,
    titleKinds: eventKinds(text.slice(titleStart, titleEnd)),
    day: leadDay(article.body, time),
  };
}

/**
 * A story's title read as an article's `titleKeys`: its stems, names and numbers. Which words name a
 * tracked person is not known here, so they are among them; an article's title keys never hold those
 * words, so they never make the two meet.
 */
export function titleKeysOf(title: string): ReadonlySet<string> {
  const keys = new Set<string>(numbersOf(title));
  forEachToken(title, (start, end, key, cyrillic) => {
    if (startsWithDigit(key)) return;
    const capitalised = isCapitalised(title, start);
    const stop = isStopWord(title, start, end, key, capitalised);
    const name = nameOf(title, start, end, key, cyrillic, capitalised, stop);
    const stem = stemOf(key, stop);
    if (name) keys.add(name);
    if (stem) keys.add(stem);
  });
  return keys;
}
