import type { Span, TopicTag } from '../tags';
import {
  COLON,
  COMMA,
  DIGIT_ZERO,
  FULL_STOP,
  isAsciiDigit,
  NARROW_NO_BREAK_SPACE,
  NO_BREAK_SPACE,
  SPACE,
  THIN_SPACE,
} from '../text/char-codes';
import { DEFAULT_TOPIC_MIN_SCORE } from './defaults';
import type { TopicDefinition } from '../watchlist';
import { hitKeyOk, joined, type FieldScan } from './context';
import type { Mention } from './people';
import { ROLE, type Vocab } from './vocab';
import { elementsOf } from '../text/phrase-elements';
import { visibleSpan } from '../text/visible-span';

/** Phrase kinds that are not term groups: `ignore` cancels the terms it overlaps, `exclude` the whole sentence. */
const IGNORE = -1;
const EXCLUDE = -3;
/** Pseudo-group: a tracked person's mention. */
const PERSON = -2;
/** Pseudo-group: the same count written twice, nearby ("1,000-for-1,000", "1000 на 1000", "95 … 95"). */
const SAME_NUMBER = -4;
export const SAME_NUMBER_GROUP = '@same-number';
/**
 * A count worth reading as one side of a deal: 10 or more (small numbers repeat by chance: dates, ages)
 * and not a year. Digits grouped by commas, full stops or (thin) spaces are one number ("1,000", "1 000").
 */
const MIN_COUNT = 10;
const YEARS = [1900, 2100];
/**
 * A rule counts at most this many times (in different sentences), so repetition alone cannot make a
 * topic; a weak rule (weight below the threshold) counts once, so it can only support other evidence.
 */
const MAX_FIRINGS_PER_RULE = 2;
const MAX_EVIDENCE = 10;
/**
 * An article whose evidence all sits in the last third of its body (and none in the title or the
 * first LEAD_SENTENCES sentences) mentions the topic in passing, as background to another story (an
 * arrest report that recalls past swaps): its score is scaled by BACKGROUND_FACTOR.
 */
export const LEAD_SENTENCES = 3;
export const BACKGROUND_SHARE = 2 / 3;
export const BACKGROUND_FACTOR = 0.6;
/**
 * Evidence that sits only in the body's last CLOSING_SENTENCES sentences is the closing background
 * paragraph of wire copy ("Several Americans have been arrested … some were later released in prisoner
 * swaps"): scaled by CLOSING_FACTOR, so that alone it stays below the default threshold.
 */
export const CLOSING_SENTENCES = 2;
export const CLOSING_FACTOR = 0.45;

interface Phrase {
  group: number; // IGNORE or EXCLUDE, else a term group
  ids: number[];
  /** The definition's synonyms list the phrase is in (its occurrences' `word` for distinct), else NO_SIDE. */
  side: number;
}

const NO_SIDE = -1;

/**
 * The phrases that start with one word: one-word phrases, and longer ones by their second word, so a
 * common first word ("in", "в", "exchange") is checked only against the phrases its next word can continue.
 */
interface PhrasesFrom {
  one: Phrase[];
  bySecond: Map<number, Phrase[]>;
}

interface Rule {
  /** One bit mask per required entry (its alternatives). */
  all: number[];
  /** The entries of one group each, OR-ed: a sentence lacking any of these bits is rejected by one test. */
  single: number;
  /** The entries with alternatives (more than one bit), tested one by one once `single` passed. */
  multi: number[];
  none: number;
  /** Groups that veto the rule anywhere in the article (a ransom, a barricaded gunman). */
  noneInArticle: number;
  /** Groups whose repeated entries need different words ("Nigeria … Nigeria" is one party, not two). */
  distinct: number;
  weight: number;
  nearby: boolean;
}

interface Occurrence {
  group: number;
  field: Span['field'];
  start: number;
  end: number;
  sent: number;
  /** Its words' vocabulary ids (wordOf; NO_WORD for a person or a count): tells "Nigeria … Nigeria" from "Nigeria … Niger". */
  word: number;
}

const NO_WORD = -1;
/** A synonyms list's `word`: below NO_WORD, so it equals no word's id nor another list's. */
const sideWord = (side: number) => NO_WORD - 1 - side;
/** Vocabulary ids stay far below this (the words of the watchlist and of the slow path's bounded cache). */
const WORD_ID_ROOM = 2 ** 21;

/**
 * What an occurrence's `word` holds: its word's id, or for a phrase of several words its first and last
 * words' ids together, so "United States" and "United Kingdom" are different words for `distinct`.
 */
function wordOf(ids: Int32Array, j: number, length: number): number {
  return length === 1 ? ids[j]! : ids[j]! + (ids[j + length - 1]! + 1) * WORD_ID_ROOM;
}

/** What one field's phrases gave: term occurrences, spans that ignore phrases cancel, sentences that exclude phrases cancel. */
interface Seen {
  found: Occurrence[];
  excluded: number[];
  excludedSentences: Set<number>;
}

/** A sentence's occurrences (the first `n` of `occ`: the object and its array are reused, see fire) and their groups' bits. */
interface Sentence {
  mask: number;
  occ: Occurrence[];
  n: number;
}

/** Bit for a group; the pseudo-groups take the top bits (definitions have at most 30 groups). */
function bit(group: number): number {
  return group >= 0 ? 1 << group : group === PERSON ? 1 << 30 : 1 << 31;
}

/** One topic definition compiled against the shared vocabulary. */
export class TopicMatcher {
  private readonly byFirst = new Map<number, PhrasesFrom>();
  private readonly rules: Rule[];
  private readonly threshold: number;
  /** Groups that mark a sentence as recalling the past: its evidence counts as background. */
  private readonly background: number;
  /** The other entries of each rule that uses @same-number: numbers are read only in a field that has all of one rule's. */
  private readonly countGate: number[][];
  /** byFirst by word id, made on first use (derived: not part of a snapshot). */
  private firstById: (PhrasesFrom | undefined)[] | undefined;

  constructor(
    readonly def: TopicDefinition,
    private readonly vocab: Vocab,
  ) {
    const groups = Object.keys(def.terms);
    const groupIndex = (name: string) => (name === '@person' ? PERSON : name === SAME_NUMBER_GROUP ? SAME_NUMBER : groups.indexOf(name));
    const sides = this.sidesOf(def.synonyms ?? []);
    groups.forEach((name, group) => {
      for (const term of def.terms[name]!) this.addPhrase(term, group, sides);
    });
    for (const term of def.ignore ?? []) this.addPhrase(term, IGNORE);
    for (const term of def.exclude ?? []) this.addPhrase(term, EXCLUDE);
    const maskOf = (names: string[]) => names.reduce((m, name) => m | bit(groupIndex(name)), 0);
    this.rules = def.rules.map((r) => {
      const all = r.all.map((alt) => maskOf(alt.split('|')));
      const oneGroup = all.filter(isOneBit);
      return {
        all,
        single: oneGroup.reduce((m, b) => m | b, 0),
        multi: all.filter((m) => !isOneBit(m)),
        none: maskOf(r.none ?? []),
        noneInArticle: maskOf(r.noneInArticle ?? []),
        distinct: maskOf(r.distinct ?? []),
        weight: r.weight,
        nearby: r.scope === 'nearby',
      };
    });
    this.threshold = def.threshold ?? DEFAULT_TOPIC_MIN_SCORE;
    this.background = maskOf(def.background ?? []);
    this.countGate = this.rules
      .filter((r) => r.all.some((m) => m & bit(SAME_NUMBER)))
      .map((r) => r.all.filter((m) => !(m & bit(SAME_NUMBER))));
  }

  /**
   * Each synonym's words (its element ids, as a key) to its list's index. By words, not text: a Cyrillic term
   * that folds to an English one's words ("нигерия", "nigeria") is one occurrence of the same word.
   */
  private sidesOf(lists: readonly (readonly string[])[]): Map<string, number> {
    const sides = new Map<string, number>();
    lists.forEach((list, side) => {
      for (const term of list) sides.set(this.idsOf(term).join(' '), side);
    });
    return sides;
  }

  private idsOf(term: string): number[] {
    return elementsOf(term).map((el) => this.vocab.idOf(el));
  }

  private addPhrase(term: string, group: number, sides?: ReadonlyMap<string, number>): void {
    const ids = this.idsOf(term);
    if (ids.length === 0) return;
    const side = sides?.get(ids.join(' ')) ?? NO_SIDE;
    this.vocab.markRole(ids[0]!, ROLE.topic);
    let from = this.byFirst.get(ids[0]!);
    if (!from) {
      from = { one: [], bySecond: new Map() };
      this.byFirst.set(ids[0]!, from);
    }
    if (ids.length === 1) from.one.push({ group, ids, side });
    else {
      const list = from.bySecond.get(ids[1]!);
      if (list) list.push({ group, ids, side });
      else from.bySecond.set(ids[1]!, [{ group, ids, side }]);
    }
  }

  /** byFirst as an array by word id (a Map lookup for every topic word of every article cost a tenth of occurrences()). */
  private indexFirsts(): (PhrasesFrom | undefined)[] {
    let size = 0;
    for (const x of this.byFirst.keys()) size = Math.max(size, x + 1);
    const byId = new Array<PhrasesFrom | undefined>(size).fill(undefined);
    for (const [x, from] of this.byFirst) byId[x] = from;
    this.firstById = byId;
    return byId;
  }

  /** Term occurrences in one field, minus those an exclusion phrase overlaps. */
  occurrences(f: FieldScan, mentions: readonly Mention[], out: Occurrence[]): void {
    const { hits } = f;
    const found: Occurrence[] = [];
    const excluded: number[] = [];
    const excludedSentences = new Set<number>();
    const seen: Seen = { found, excluded, excludedSentences };
    const { vocab } = this;
    const byId = this.firstById ?? this.indexFirsts();
    // The scan OR-ed the hits' roles: a field without a topic word is not read for phrases.
    const n = hits.roles & ROLE.topic ? hits.n : 0;
    for (let j = 0; j < n; j++) {
      if (!(hits.role[j]! & ROLE.topic)) continue;
      const id = hits.id[j]!;
      // Confirmed (hitKeyOk) only once a phrase of this topic may start here: most common words that
      // start a phrase ("the", "in") start only longer ones, which the next word rarely continues.
      let confirmed = false;
      const ids = vocab.impliedBy(id);
      phrases: for (let i = 0; i < ids.length; i++) {
        const x = ids[i]!;
        const from = x < byId.length ? byId[x] : undefined;
        if (!from) continue;
        if (from.one.length > 0) {
          if (!confirmed && !hitKeyOk(f, this.vocab, j)) break;
          confirmed = true;
          for (const p of from.one) this.take(f, j, p, seen);
        }
        if (from.bySecond.size === 0) continue;
        // The next recorded word, when it directly follows: only phrases it can continue are tried (joined confirms it).
        const next = j + 1 < hits.n && hits.tok[j + 1] === hits.tok[j]! + 1 ? hits.id[j + 1]! : -1;
        if (next < 0) continue;
        const nextIds = vocab.impliedBy(next);
        for (let k = 0; k < nextIds.length; k++) {
          const list = from.bySecond.get(nextIds[k]!);
          if (!list) continue;
          if (!confirmed && !hitKeyOk(f, this.vocab, j)) break phrases;
          confirmed = true;
          for (const p of list) this.take(f, j, p, seen);
        }
      }
    }
    let fieldMask = 0;
    for (const o of found)
      if (!overlapsAny(o, excluded) && !excludedSentences.has(o.sent)) {
        out.push(o);
        fieldMask |= bit(o.group);
      }
    for (const entries of this.countGate)
      if (allPresent(entries, fieldMask)) {
        sameNumbers(f, out, excludedSentences);
        break;
      }
    for (const m of mentions)
      if (m.field === f.field && !excludedSentences.has(m.sent))
        out.push({ group: PERSON, field: m.field, start: m.start, end: m.end, sent: m.sent, word: NO_WORD });
  }

  /** Records phrase p if it occurs at hit j. */
  private take(f: FieldScan, j: number, p: Phrase, seen: Seen): void {
    // Hit j is confirmed and satisfies the phrase's first word: only the words after it are checked.
    if (!joined(f, this.vocab, j, p.ids, 1)) return;
    const { hits } = f;
    const start = hits.start[j]!;
    const end = hits.end[j + p.ids.length - 1]!;
    if (p.group === EXCLUDE) seen.excludedSentences.add(hits.sent[j]!);
    else if (p.group === IGNORE) seen.excluded.push(start, end);
    else {
      const word = p.side === NO_SIDE ? wordOf(hits.id, j, p.ids.length) : sideWord(p.side);
      seen.found.push(pooledOccurrence(p.group, f.field, start, end, hits.sent[j]!, word));
    }
  }

  /** Scores the topic from the occurrences of both fields; undefined when below the threshold. */
  score(fields: { field: Span['field']; text: string; occ: Occurrence[]; sentences: number }[]): TopicTag | undefined {
    let articleMask = 0;
    for (const { occ } of fields) for (const o of occ) articleMask |= bit(o.group);
    // A rule whose groups are not all in the article cannot fire in any sentence: when no rule can, nothing to score.
    const live = this.liveRules(articleMask);
    if (!live) return undefined;
    const counted = new Array<number>(this.rules.length).fill(0);
    const state: FireState = { miss: 1, inLead: false, beforeClosing: false, evidence: [] };
    for (const { occ, sentences } of fields) this.fire(occ, sentences, live, counted, state);
    const factor = state.inLead ? 1 : state.beforeClosing ? BACKGROUND_FACTOR : CLOSING_FACTOR;
    const score = Math.round((1 - state.miss) * factor * 1000) / 1000;
    if (state.miss === 1 || score < this.threshold) return undefined;
    // Only the spans kept get their text (a firing's evidence is mostly dropped as a repeat or past the first ten).
    const evidence = dedupe(state.evidence).slice(0, MAX_EVIDENCE);
    return { id: this.def.id, score, evidence: evidence.map((o) => spanOf(o, fields)) };
  }

  /** Per rule, 1 when the article has all its groups and none of its article-wide vetoes; undefined when no rule is live. */
  private liveRules(articleMask: number): Uint8Array | undefined {
    let live: Uint8Array | undefined;
    for (let r = 0; r < this.rules.length; r++) {
      const rule = this.rules[r]!;
      if (articleMask & rule.noneInArticle || !rulePresent(rule, articleMask)) continue;
      live ??= new Uint8Array(this.rules.length);
      live[r] = 1;
    }
    return live;
  }

  /**
   * Applies the live rules to one field sentence by sentence; each rule counts at most
   * MAX_FIRINGS_PER_RULE times over the article. Each firing scales `state.miss` and adds its evidence.
   */
  private fire(occ: Occurrence[], sentences: number, live: Uint8Array, counted: number[], state: FireState): void {
    if (occ.length === 0) return;
    // Sentences by number (a field's sentences are numbered from 0), in text order; their objects and
    // arrays are reused from call to call (fresh ones per field and topic were the largest share of
    // what the tag command allocated), and bySentence is emptied again at the end.
    const bySent = bySentence;
    const order = sentenceOrder;
    const masks = sentenceMasks;
    const nearMasks = nearSentenceMasks;
    let count = 0;
    let sentencesUsed = 0;
    let last = -1;
    try {
      for (const o of occ) {
        let s = bySent[o.sent];
        if (!s) {
          if (sentencesUsed === sentencePool.length) sentencePool.push({ mask: 0, occ: [], n: 0 });
          s = sentencePool[sentencesUsed++]!;
          s.mask = 0;
          s.n = 0;
          bySent[o.sent] = s;
          if (o.sent > last) last = o.sent;
        }
        s.mask |= bit(o.group);
        s.occ[s.n++] = o;
      }
      // Each sentence's groups, and with its neighbours' (what a nearby rule reads), computed once for all rules.
      for (let n = 0; n <= last; n++) {
        const here = bySent[n];
        if (!here) continue;
        order[count] = n;
        masks[count] = here.mask;
        nearMasks[count] = here.mask | (n > 0 ? (bySent[n - 1]?.mask ?? 0) : 0) | (bySent[n + 1]?.mask ?? 0);
        count++;
      }
      const background = Math.max(LEAD_SENTENCES, Math.floor(sentences * BACKGROUND_SHARE));
      for (let r = 0; r < this.rules.length; r++) {
        if (!live[r]) continue;
        const rule = this.rules[r]!;
        const limit = rule.weight < this.threshold ? 1 : MAX_FIRINGS_PER_RULE;
        for (let k = 0; k < count; k++) {
          if (counted[r]! >= limit) break;
          const mask = rule.nearby ? nearMasks[k]! : masks[k]!;
          // A nearby rule reads the neighbouring sentences, so their vetoes count too ("… released. He was freed on bail.").
          if (mask & rule.none) continue;
          if (!rulePresent(rule, mask) || (rule.nearby && !(masks[k]! & rule.all[0]!))) continue;
          const n = order[k]!;
          const here = bySent[n]!;
          const used = rule.nearby ? assign(rule, here, n > 0 ? bySent[n - 1] : undefined, bySent[n + 1]) : assign(rule, here);
          if (used < 0) continue;
          // A nearby rule fires at the sentence holding its first entry, so one pair is counted once.
          counted[r]!++;
          state.miss *= 1 - rule.weight;
          // Evidence in a sentence that recalls the past ("has in the past freed foreigners in prisoner exchanges") is background wherever it sits.
          if ((here.mask & this.background) === 0) {
            const field = here.occ[0]!.field;
            if (field === 'title' || n < background) state.inLead = true;
            if (field === 'title' || n < sentences - CLOSING_SENTENCES) state.beforeClosing = true;
          }
          for (let u = 0; u < used; u++) state.evidence.push(assigned[u]!);
        }
      }
    } finally {
      // Emptied even if a rule threw: the next call starts from no sentences (with `last` for those not yet in order).
      for (let n = 0; n <= last; n++) bySent[n] = undefined;
      trimWorkspace(sentencesUsed);
    }
  }
}

/**
 * fire's working space, reused by every call (one at a time): sentences by number (empty between
 * calls), the sentence objects handed out, and per sentence in text order its number, groups and
 * groups with its neighbours'.
 */
const bySentence: (Sentence | undefined)[] = [];
const sentencePool: Sentence[] = [];
const sentenceOrder: number[] = [];
const sentenceMasks: number[] = [];
const nearSentenceMasks: number[] = [];
/** The per-sentence arrays above, listed once (trimWorkspace runs after every fire). */
const perSentenceArrays = [sentenceOrder, sentenceMasks, nearSentenceMasks];

/**
 * How much of the working space (fire's and assign's) is kept between calls: sentences, and
 * occurrences per sentence or per rule entry. An ordinary article stays well within it; what one very
 * long article (the API takes bodies of up to 1 MiB) grew beyond it is let go after the call instead
 * of being held, with the occurrences it points to, for as long as the process lives.
 */
export const WORKSPACE_KEPT = { sentences: 512, occurrences: 64, pooled: 4096 };

/**
 * The term occurrences found, as reused objects: a topic's live until its score is worked out, then
 * released for the next topic or article (index.ts). Fresh ones were ≈ 570,000 objects a pass over the
 * tag benchmark's corpus, a quarter of what its tagging allocated. At most WORKSPACE_KEPT.pooled are
 * kept past a release.
 */
const occurrencePool: Occurrence[] = [];
let pooled = 0;

function pooledOccurrence(group: number, field: Span['field'], start: number, end: number, sent: number, word: number): Occurrence {
  if (pooled === occurrencePool.length) occurrencePool.push({ group, field, start, end, sent, word });
  else {
    const o = occurrencePool[pooled]!;
    o.group = group;
    o.field = field;
    o.start = start;
    o.end = end;
    o.sent = sent;
    o.word = word;
  }
  return occurrencePool[pooled++]!;
}

/** Ends the life of every occurrence handed out since the last release: call once a topic is scored. */
export function releaseOccurrences(): void {
  pooled = 0;
  if (occurrencePool.length > WORKSPACE_KEPT.pooled) occurrencePool.length = WORKSPACE_KEPT.pooled;
}

/** Lets go of what the call that used `sentencesUsed` pooled sentences grew beyond WORKSPACE_KEPT. */
function trimWorkspace(sentencesUsed: number): void {
  const { sentences, occurrences } = WORKSPACE_KEPT;
  // bySentence holds nothing between calls: only its length can have grown.
  if (bySentence.length > sentences) bySentence.length = 0;
  for (const perSentence of perSentenceArrays) {
    if (perSentence.length > sentences) perSentence.length = sentences;
  }
  if (sentencePool.length > sentences) sentencePool.length = sentences;
  // Only the sentences this call used can have grown.
  for (let i = 0; i < Math.min(sentencesUsed, sentencePool.length); i++) {
    const s = sentencePool[i]!;
    if (s.occ.length > occurrences) s.occ.length = 0;
  }
  for (const list of candidates) if (list.length > occurrences) list.length = 0;
}

/**
 * The most sentences, the most occurrences in one list, and the pooled occurrences the working space
 * holds between calls (for its test).
 */
export function workspaceSize(): { sentences: number; occurrences: number; pooled: number } {
  const sentences = Math.max(bySentence.length, sentencePool.length, sentenceOrder.length, sentenceMasks.length, nearSentenceMasks.length);
  let occurrences = 0;
  for (const list of [...sentencePool.map((s) => s.occ), ...candidates]) occurrences = Math.max(occurrences, list.length);
  return { sentences, occurrences, pooled: occurrencePool.length };
}

/** What the rules' firings over an article add up to (see TopicMatcher.score). */
interface FireState {
  /** The product of (1 - weight) over the firings. */
  miss: number;
  inLead: boolean;
  beforeClosing: boolean;
  /** The occurrences the firings used, in firing order (repeats included). */
  evidence: Occurrence[];
}

/** An occurrence as evidence: its field, offsets and text. */
function spanOf(o: Occurrence, fields: readonly { field: Span['field']; text: string }[]): Span {
  const text = fields.find((f) => f.field === o.field)!.text;
  const { start, end } = visibleSpan(text, o.start, o.end);
  return { field: o.field, start, end, text: text.slice(start, end) };
}

/**
 * How many sentences apart the same count may be written: wire copy often puts one sentence between the
 * two sides of a return ("146 servicemen were returned … [where they are being treated] … 146 came home").
 */
const SAME_NUMBER_REACH = 2;

/**
 * The same count twice in one sentence or in two up to SAME_NUMBER_REACH sentences apart ("a 1,000-for-1,000
 * deal", "95 came home … 95 servicemen were returned"): both numbers become @same-number occurrences. A number's
 * sentence is that of the next recorded word (a count is followed by what it counts), else the last one.
 */
function sameNumbers(f: FieldScan, out: Occurrence[], excludedSentences: ReadonlySet<number>): void {
  const { text, hits } = f;
  // The scan saw every character: a field without a digit holds no number (and is not searched again).
  if (!hits.digits) return;
  const seen = new Map<number | string, { start: number; end: number; sent: number }>();
  let j = 0;
  const n = text.length;
  const digit = /\d/g;
  for (let i = 0; i < n; i++) {
    // Jump to the next digit (the regular expression engine scans faster than a loop here).
    digit.lastIndex = i;
    if (!digit.test(text)) return;
    i = digit.lastIndex - 1;
    const start = i;
    let value = 0;
    let digits = 0;
    while (i < n && isAsciiDigit(text.charCodeAt(i))) {
      value = value * 10 + text.charCodeAt(i++) - DIGIT_ZERO;
      digits++;
    }
    // "1,000", "1 000": groups of exactly three digits after a separator belong to the same number.
    let groups = 0;
    while (digits <= 3 && isGroupSeparator(text.charCodeAt(i)) && threeDigitsAt(text, i + 1)) {
      value = value * 1000 + Number(text.slice(i + 1, i + 4));
      i += 4;
      groups++;
    }
    const end = i;
    // Past a double's exact integers the value is rounded: such a number is compared by its digits.
    const key = digits + 3 * groups > EXACT_DIGITS ? digitKey(text.slice(start, end)) : value;
    const count = typeof key === 'number' ? key : Number.POSITIVE_INFINITY;
    // The digits after a decimal point or a comma ("2.5", "3,14") are not a count.
    const before = start > 0 ? text.charCodeAt(start - 1) : SPACE;
    if (before === COMMA || before === FULL_STOP || count < MIN_COUNT || (count >= YEARS[0]! && count <= YEARS[1]!)) continue;
    if (inClockTime(text, start, end)) continue;
    while (j < hits.n && hits.start[j]! < end) j++;
    const sent = j < hits.n ? hits.sent[j]! : hits.n > 0 ? hits.sent[hits.n - 1]! : 0;
    const prev = seen.get(key);
    if (prev && sent - prev.sent <= SAME_NUMBER_REACH && !excludedSentences.has(sent) && !excludedSentences.has(prev.sent)) {
      out.push({ group: SAME_NUMBER, field: f.field, start: prev.start, end: prev.end, sent: prev.sent, word: NO_WORD });
      out.push({ group: SAME_NUMBER, field: f.field, start, end, sent, word: NO_WORD });
    }
    seen.set(key, { start, end, sent });
  }
}

/**
 * Whether the digits at start..end are one side of "12:27" (a time of day, or a score): a dateline's
 * "12:27 / Updated 12 years ago" is no count written twice.
 */
function inClockTime(text: string, start: number, end: number): boolean {
  const colonAfter = text.charCodeAt(end) === COLON && isAsciiDigit(text.charCodeAt(end + 1));
  const colonBefore = start >= 2 && text.charCodeAt(start - 1) === COLON && isAsciiDigit(text.charCodeAt(start - 2));
  return colonAfter || colonBefore;
}

/** Digits a double holds exactly whatever they are (2^53 ≈ 9.007 × 10^15 has 16). */
const EXACT_DIGITS = 15;

/** A long number's digits without separators or leading zeros; a number when that leaves it short. */
function digitKey(run: string): number | string {
  const digits = run.replace(/\D/g, '').replace(/^0+(?=\d)/, '');
  return digits.length <= EXACT_DIGITS ? Number(digits) : digits;
}

/** Separators of digit groups: comma, full stop, space, no-break and thin spaces. */
const isGroupSeparator = (c: number) =>
  c === COMMA || c === FULL_STOP || c === SPACE || c === NO_BREAK_SPACE || c === NARROW_NO_BREAK_SPACE || c === THIN_SPACE;
const threeDigitsAt = (text: string, i: number) =>
  isAsciiDigit(text.charCodeAt(i)) &&
  isAsciiDigit(text.charCodeAt(i + 1)) &&
  isAsciiDigit(text.charCodeAt(i + 2)) &&
  !isAsciiDigit(text.charCodeAt(i + 3));

/** Whether a mask has exactly one bit (an entry without alternatives). */
const isOneBit = (m: number) => m !== 0 && (m & (m - 1)) === 0;

/** allPresent(rule.all, mask), most rules rejected by one test (their one-group entries together) instead of a loop. */
function rulePresent(rule: Rule, mask: number): boolean {
  return (mask & rule.single) === rule.single && allPresent(rule.multi, mask);
}

function allPresent(all: number[], mask: number): boolean {
  for (let i = 0; i < all.length; i++) if (!(mask & all[i]!)) return false;
  return true;
}

/**
 * assign's working space, reused by every call (tagging is synchronous: one call at a time), so a rule
 * tried in a sentence allocates nothing: per entry its candidates (the first `candidateCounts[e]` of
 * `candidates[e]`), the entries in the order they are served, and the occurrences given out. Fresh
 * arrays, a sort and a splice per try were a third of everything the tag command allocated.
 */
const candidates: Occurrence[][] = [];
const candidateCounts: number[] = [];
const entryOrder: number[] = [];
const assigned: Occurrence[] = [];

/**
 * Gives every entry of a rule its own occurrence, no two overlapping: how many (the rule's entries,
 * in `assigned`, valid until the next call), or -1 if that is not possible: "in return for" cannot
 * also be the rule's "return", and an entry listed twice ("FREE", "FREE") needs two different words.
 * Greedy, scarcest entry first, longest match first.
 */
function assign(rule: Rule, here: Sentence, before?: Sentence, after?: Sentence): number {
  const { all, distinct } = rule;
  const entries = all.length;
  for (let e = 0; e < entries; e++) {
    const alt = all[e]!;
    if (e === candidates.length) candidates.push([]);
    const list = candidates[e]!;
    let n = 0;
    if (here.mask & alt) n = collect(here, alt, list, n);
    if (before && before.mask & alt) n = collect(before, alt, list, n);
    if (after && after.mask & alt) n = collect(after, alt, list, n);
    sortByStartThenLongest(list, n);
    candidateCounts[e] = n;
  }
  // Scarcest entry first; a stable insertion keeps entries of one count in rule order.
  for (let i = 0; i < entries; i++) {
    let at = i;
    for (; at > 0 && candidateCounts[entryOrder[at - 1]!]! > candidateCounts[i]!; at--) entryOrder[at] = entryOrder[at - 1]!;
    entryOrder[at] = i;
  }
  for (let k = 0; k < entries; k++) {
    const e = entryOrder[k]!;
    const o = firstFree(candidates[e]!, candidateCounts[e]!, k, distinct);
    if (!o) return -1;
    assigned[k] = o;
  }
  return entries;
}

/** Appends the occurrences of `s` in group `alt` to list[n…]; the new count. */
function collect(s: Sentence, alt: number, list: Occurrence[], n: number): number {
  for (let i = 0; i < s.n; i++) {
    const o = s.occ[i]!;
    if (alt & bit(o.group)) list[n++] = o;
  }
  return n;
}

/** Sorts list[0, n) by start, then longest first; stable (a few items: an insertion sort, no allocation). */
function sortByStartThenLongest(list: Occurrence[], n: number): void {
  for (let i = 1; i < n; i++) {
    const x = list[i]!;
    let j = i;
    for (; j > 0 && (list[j - 1]!.start > x.start || (list[j - 1]!.start === x.start && list[j - 1]!.end < x.end)); j--)
      list[j] = list[j - 1]!;
    list[j] = x;
  }
}

/**
 * The first of list[0, n) that overlaps none of the first `used` assigned occurrences and, in a group
 * of `distinct`, is not the same word as one assigned from its group.
 */
function firstFree(list: Occurrence[], n: number, used: number, distinct: number): Occurrence | undefined {
  outer: for (let k = 0; k < n; k++) {
    const c = list[k]!;
    const unlike = (bit(c.group) & distinct) !== 0;
    for (let m = 0; m < used; m++) {
      const u = assigned[m]!;
      if (u.field === c.field && c.start < u.end && u.start < c.end) continue outer;
      if (unlike && u.group === c.group && u.word === c.word) continue outer;
    }
    return c;
  }
  return undefined;
}

function overlapsAny(o: Occurrence, spans: number[]): boolean {
  for (let i = 0; i < spans.length; i += 2) if (o.start < spans[i + 1]! && spans[i]! < o.end) return true;
  return false;
}

/** Spans short enough to sort by insertion (a firing adds a few; Array.prototype.sort allocates its working copy even for two). */
const INSERTION_SORTED = 32;

/** Text order: the title first, then by start. */
const textOrder = (a: Omit<Span, 'text'>, b: Omit<Span, 'text'>) =>
  a.field === b.field ? a.start - b.start : a.field === 'title' ? -1 : 1;

/** Sorts `list` in place by textOrder, stably (as Array.prototype.sort is: the same order). */
function insertionSorted<T extends Omit<Span, 'text'>>(list: T[]): T[] {
  for (let i = 1; i < list.length; i++) {
    const x = list[i]!;
    let j = i;
    for (; j > 0 && textOrder(list[j - 1]!, x) > 0; j--) list[j] = list[j - 1]!;
    list[j] = x;
  }
  return list;
}

/** The spans in text order (title first), each field, start and end once. */
function dedupe<T extends Omit<Span, 'text'>>(spans: T[]): T[] {
  // A stable sort keeps equal spans in their first-seen order: a span is dropped when an earlier one with its start has its end.
  const sorted = spans.length > INSERTION_SORTED ? spans.sort(textOrder) : insertionSorted(spans);
  const out: T[] = [];
  let runStart = 0;
  for (const s of sorted) {
    const prev = out[out.length - 1];
    if (!prev || prev.field !== s.field || prev.start !== s.start) runStart = out.length;
    let seen = false;
    for (let i = runStart; i < out.length && !seen; i++) seen = out[i]!.end === s.end;
    if (!seen) out.push(s);
  }
  return out;
}
