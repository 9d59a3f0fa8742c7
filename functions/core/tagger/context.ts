import type { TaggableField } from '../article';
import {
  APOSTROPHE,
  CARRIAGE_RETURN,
  DASH_FIRST,
  DASH_LAST,
  FULL_STOP,
  HYPHEN,
  MINUS_SIGN,
  MODIFIER_APOSTROPHE,
  NARROW_NO_BREAK_SPACE,
  NEWLINE,
  NO_BREAK_SPACE,
  RIGHT_SINGLE_QUOTE,
  SPACE,
  TAB,
  THIN_SPACE,
} from '../text/char-codes';
import { lazyRegExp } from '../text/lazy-regexp';
import { SEP, entryOf, keyOf } from '../text/word-keys';
import type { Hits } from '../text/scan';
import { COMMON_WORDS, GIVEN_NAMES, TITLE_WORDS } from './common-words';
import type { Vocab } from './vocab';

/** One field of an article after scanning. */
export interface FieldScan {
  field: TaggableField;
  text: string;
  hits: Hits;
  /** Hits already part of a full-name mention (indexes from hits.n on are not in use). */
  used: Uint8Array;
}

/** Confirms (once) that a hit found by hash has the vocabulary key, so a hash collision never matches. */
export function hitKeyOk(f: FieldScan, vocab: Vocab, j: number): boolean {
  const { hits } = f;
  if (hits.sure[j] === 0) hits.sure[j] = vocab.confirms(f.text, hits.start[j]!, hits.end[j]!, hits.id[j]!) ? 1 : 2;
  return hits.sure[j] === 1;
}

/** What may stand between two words of one name or phrase: spaces, one line break, hyphens, dashes, apostrophes. */
function gapOk(text: string, from: number, to: number): boolean {
  if (to - from > 4) return /^[ \t\u00a0\u2009\u202f]*\r?\n?[ \t\u00a0\u2009\u202f]*$/.test(text.slice(from, to));
  // One line break at most (CR LF is one): a blank line between two words ends a paragraph, not a name.
  let breaks = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === NEWLINE || (c === CARRIAGE_RETURN && text.charCodeAt(i + 1) !== NEWLINE)) breaks++;
    if (breaks > 1) return false;
    const ok =
      c === SPACE ||
      c === TAB ||
      c === NEWLINE ||
      c === CARRIAGE_RETURN ||
      c === NO_BREAK_SPACE ||
      c === THIN_SPACE ||
      c === NARROW_NO_BREAK_SPACE ||
      c === HYPHEN ||
      (c >= DASH_FIRST && c <= DASH_LAST) ||
      c === MINUS_SIGN ||
      c === APOSTROPHE ||
      c === RIGHT_SINGLE_QUOTE ||
      c === MODIFIER_APOSTROPHE;
    if (!ok) return false;
  }
  return true;
}

/** A one-letter word and its full stop inside an abbreviation: "U.S.", "U. S." (phrase `u s`). */
function abbreviationGap(text: string, prevStart: number, next: number): boolean {
  const gap = next - prevStart;
  return (gap === 2 || (gap === 3 && text.charCodeAt(prevStart + 2) === SPACE)) && text.charCodeAt(prevStart + 1) === FULL_STOP;
}

/** Whether hits j, j+1, … are consecutive words that satisfy `ids` in order (`from`: how many leading ids the caller has already checked at j, j+1, …). */
export function joined(f: FieldScan, vocab: Vocab, j: number, ids: readonly number[], from = 0): boolean {
  return joinedAt(f, vocab, j, ids, 0, ids.length, from);
}

/** joined() for ids stored as `length` integers of `data` from offset `at` (a record of the people tables). */
export function joinedAt(f: FieldScan, vocab: Vocab, j: number, data: ArrayLike<number>, at: number, length: number, from = 0): boolean {
  const { hits } = f;
  if (j + length > hits.n) return false;
  for (let k = from; k < length; k++) {
    const jj = j + k;
    if (hits.tok[jj] !== hits.tok[j]! + k || !hitKeyOk(f, vocab, jj) || !vocab.satisfies(hits.id[jj]!, data[at + k]!)) return false;
    if (k > 0 && !gapOk(f.text, hits.end[jj - 1]!, hits.start[jj]!) && !abbreviationGap(f.text, hits.start[jj - 1]!, hits.start[jj]!))
      return false;
  }
  return true;
}

const isUpperAt = (text: string, i: number) => {
  const ch = text[i] ?? '';
  return ch !== ch.toLowerCase();
};

/** Whether the word at hit j starts with a capital letter. */
export function capitalised(f: FieldScan, j: number): boolean {
  return isUpperAt(f.text, f.hits.start[j]!);
}

const isWordCode = (c: number) => !Number.isNaN(c) && entryOf(c) !== SEP;
const isSpace = (c: number) => c === SPACE || c === NO_BREAK_SPACE || c === TAB;

/** The word directly before `at` (only spaces between), or ''; `initial` when that word starts a sentence. */
function wordBefore(text: string, at: number): { word: string; initial: boolean } {
  let i = at;
  while (i > 0 && isSpace(text.charCodeAt(i - 1))) i--;
  if (i === at) return { word: '', initial: false };
  const end = i;
  while (i > 0 && isWordCode(text.charCodeAt(i - 1))) i--;
  const word = text.slice(i, end);
  return { word, initial: /(^|[.!?:;"«»“”„\n\u2014]\s*)$/u.test(text.slice(Math.max(0, i - 3), i)) };
}

/** The word directly after `at` (only spaces between), or ''. */
function wordAfter(text: string, at: number): string {
  let i = at;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  if (i === at) return '';
  const start = i;
  while (i < text.length && isWordCode(text.charCodeAt(i))) i++;
  return text.slice(start, i);
}

/** Unicode property classes, made on first use (lazyRegExp says why). */
const LONG_WORDS = lazyRegExp('[\\p{L}]{4,}', 'gu');
const STARTS_WITH_DIGIT = lazyRegExp('^\\p{N}', 'u');

/** Words around a position, to tell running text from a Title Case or ALL CAPS headline. */
function headlineStyle(text: string, start: number, end: number): boolean {
  const words = `${text.slice(Math.max(0, start - 60), start)} ${text.slice(end, end + 60)}`.match(LONG_WORDS()) ?? [];
  if (words.length < 2) return true;
  const upper = words.filter((w) => w[0] !== w[0]!.toLowerCase()).length;
  return upper / words.length >= 0.75;
}

function nameLike(word: string, own: readonly string[]): boolean {
  if (word.length < 2 || !isUpperAt(word, 0) || STARTS_WITH_DIGIT().test(word)) return false;
  const key = keyOf(word);
  return !own.includes(key) && !COMMON_WORDS.has(key) && !TITLE_WORDS.has(key);
}

/**
 * How a surname candidate at hits j..last reads in context: lower-case ("a bout of flu"), or part of
 * another person's name ("Lou Reed", "Reed Hastings", "Kevin Whelan").
 */
export function nameLikeAround(f: FieldScan, j: number, last: number, own: readonly string[]): { lowercase: boolean; otherName: boolean } {
  const { text, hits } = f;
  const start = hits.start[j]!;
  const end = hits.end[last]!;
  if (!isUpperAt(text, start)) return { lowercase: true, otherName: false };
  const before = wordBefore(text, start);
  const beforeKey = before.word ? keyOf(before.word) : '';
  // A known given name in front always marks another person ("Lou Reed", "Лев Яшин").
  const givenBefore = beforeKey !== '' && GIVEN_NAMES.has(beforeKey) && !own.includes(beforeKey);
  const after = wordAfter(text, end);
  const neighbourNamed = (!before.initial && nameLike(before.word, own)) || nameLike(after, own);
  // In a headline every word is capitalised, so a capitalised neighbour says nothing: only given names count there.
  return { lowercase: false, otherName: givenBefore || (neighbourNamed && !headlineStyle(text, start, end)) };
}

const COUPLE_AND = new Set(['и', 'and']);
const PATRONYMIC = /^[a-z]{3,}(ovikh|evikh|ovn|evn|ikhn)[a-z]{0,3}$/;
const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'miss', 'mister', 'messrs', 'gospodin', 'gospozha']);

interface WordBefore {
  word: string;
  start: number;
  /** A full stop follows the word. */
  dot: boolean;
}

/** Up to `max` words directly before `at` ("Viktor A." → ["A", "Viktor"]), separated by spaces or one line break. */
function wordsBefore(text: string, at: number, max: number): WordBefore[] {
  const out: WordBefore[] = [];
  let i = at;
  while (out.length < max) {
    let j = i;
    while (j > 0 && (isSpace(text.charCodeAt(j - 1)) || text.charCodeAt(j - 1) === NEWLINE || text.charCodeAt(j - 1) === CARRIAGE_RETURN))
      j--;
    if (j === i || j === 0) break;
    const dot = text.charCodeAt(j - 1) === FULL_STOP;
    if (dot) j--;
    const end = j;
    while (j > 0 && isWordCode(text.charCodeAt(j - 1))) j--;
    if (j === end) break;
    out.push({ word: text.slice(j, end), start: j, dot });
    i = j;
  }
  return out;
}

/** Where the introduction of a name starts, when the words before a surname introduce it. */
export interface Introduction {
  /** Start of the introducing words ("V." in "V. Bout", "Viktor" in "Viktor Anatolyevich Bout"), or -1. */
  start: number;
  /** A courtesy title directly before the surname ("Mr. Bout", "господин Бут"). */
  titled: boolean;
  /** Someone else's initial directly before ("A. Krasikov" when the person is Vadim): another person. */
  otherInitial: boolean;
}

/**
 * Reads the words before a surname for what shows it is one particular person's name: the person's
 * initial ("V. Bout", "В. Бут"), a given name with a middle initial or patronymic between ("Viktor A.
 * Bout", "Виктора Анатольевича Бута"), or a courtesy title ("Mr. Bout").
 */
export function introductionBefore(text: string, at: number, given: readonly string[]): Introduction {
  const words = wordsBefore(text, at, 3);
  // Each word's key once (the checks below read it for every given name of the person).
  const keys = new Map(words.map((w) => [w, keyOf(w.word)]));
  const initialOf = (w: WordBefore) =>
    w.dot && w.word.length === 1 && isUpperAt(w.word, 0) && given.some((g) => g.startsWith(keys.get(w)!));
  const givenName = (w: WordBefore) => isUpperAt(w.word, 0) && given.some((g) => sameStem(keys.get(w)!, g));
  const middle = (w: WordBefore) => (w.dot && w.word.length === 1 && isUpperAt(w.word, 0)) || PATRONYMIC.test(keys.get(w)!);
  const [w1, w2, w3] = words;
  if (w1 && initialOf(w1)) return { start: w1.start, titled: false, otherInitial: false };
  if (w1 && w2 && middle(w1) && (givenName(w2) || initialOf(w2))) return { start: w2.start, titled: false, otherInitial: false };
  // A couple sharing the surname, often in the plural: "Артем и Анна Дульцевы", "Artem and Anna Dultsev".
  if (w1 && w2 && w3 && !w1.dot && !w2.dot && isUpperAt(w1.word, 0) && COUPLE_AND.has(w2.word.toLowerCase()) && givenName(w3))
    return { start: w3.start, titled: false, otherInitial: false };
  const titled = (!!w1 && HONORIFICS.has(keys.get(w1)!)) || /(?:^|\s)г-(?:н|жа)\s*$/iu.test(text.slice(Math.max(0, at - 8), at));
  const otherInitial = !!w1 && w1.dot && w1.word.length === 1 && isUpperAt(w1.word, 0);
  return { start: -1, titled, otherInitial };
}

/** A Russian inflection of a given name ("Виктора" → viktora, "Сергея" → sergeia) against its base key. */
function sameStem(key: string, base: string): boolean {
  if (key === base) return true;
  const stem = base.replace(/(ia|a|i)$/, '');
  return stem.length >= 3 && key.startsWith(stem) && key.length - stem.length <= 3;
}
