import { HashIndex } from '../text/scan';

/**
 * The people matcher's lookup tables in columns: a few typed arrays and one list of strings instead of
 * Maps of small objects. A matcher for 10,000 people held ≈ 70,000 objects (aliases, surnames,
 * persons, their word lists); restoring them from the CLI's matcher cache cost ≈ 70 ms of
 * `v8.deserialize`, and as many again of garbage collection moving them out of the young generation.
 * These tables restore as a handful of buffers (docs/tagging.md, "Matcher cache").
 *
 * Records are runs of integers in one array, addressed by their offset:
 * - alias: person, order, needs a capital (0/1), word count, then the word ids;
 * - surname: person, written in Latin letters (0/1), in Cyrillic (0/1), word count, then the word ids,
 *   then the words' keys (numbers into `strings`);
 * - list: count, then record offsets (in the order the records were added).
 * The hash indexes map a word id + 1 (or a pair's key, see pairKey) to a list's offset.
 */
export interface PeopleTables {
  aliases: Int32Array;
  surnames: Int32Array;
  lists: Int32Array;
  /** One-word aliases by their word. */
  singles: HashIndex;
  /** Longer aliases by their first two words (pairKey; a list may hold other pairs with the same key: compare the ids). */
  pairs: HashIndex;
  /** Words that start an alias of two or more words (value 1). */
  pairFirsts: HashIndex;
  surnamesByFirst: HashIndex;
  /** Per person: RULE_CODES index of the surname rule, and whether the surname is ambiguous only as an ordinary word. */
  rules: Uint8Array;
  wordOnly: Uint8Array;
  /** Per person p: own name-word keys are names[ownStart[p] .. givenStart[p]), given names names[givenStart[p] .. ownStart[p + 1]). */
  ownStart: Int32Array;
  givenStart: Int32Array;
  names: Int32Array;
  strings: string[];
}

export const RULE_CODES = ['always', 'established', 'never'] as const;
export type SurnameRule = (typeof RULE_CODES)[number];

/** Field offsets inside an alias and a surname record. */
export const ALIAS = { person: 0, order: 1, needsCapital: 2, length: 3, ids: 4 } as const;
export const SURNAME = { person: 0, latin: 1, cyrillic: 2, length: 3, ids: 4 } as const;

/**
 * The key of a word pair in `pairs` (never 0, which HashIndex reserves). HashIndex probes from the key's
 * low bits, so they are mixed (murmur3's finaliser): without it, the pairs of one first word fill a run
 * of neighbouring slots and the runs of different first words overlap into long probe chains.
 */
export function pairKey(first: number, second: number): number {
  let h = Math.imul(first + 1, 0x9e3779b1) ^ (second + 1);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16) || 1;
}

/** What the matcher collects while people are added (see PeopleMatcher). */
export interface AliasInput {
  person: number;
  order: number;
  ids: readonly number[];
  needsCapital: boolean;
}
export interface SurnameInput {
  person: number;
  ids: readonly number[];
  keys: readonly string[];
  latin: boolean;
  cyrillic: boolean;
}
export interface PersonInput {
  rule: SurnameRule;
  own: readonly string[];
  given: readonly string[];
  wordOnly: boolean;
}

/** Growable list of 32-bit integers (the build's scratch space). */
class Ints {
  data = new Int32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }
  done(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

/** Compiles the matcher's Maps into columns, keeping every list's order. */
export function compilePeopleTables(
  singles: ReadonlyMap<number, readonly AliasInput[]>,
  pairs: ReadonlyMap<number, ReadonlyMap<number, readonly AliasInput[]>>,
  surnamesByFirst: ReadonlyMap<number, readonly SurnameInput[]>,
  persons: readonly PersonInput[],
): PeopleTables {
  const strings: string[] = [];
  const stringIds = new Map<string, number>();
  const stringId = (s: string) => {
    let id = stringIds.get(s);
    if (id === undefined) {
      id = strings.push(s) - 1;
      stringIds.set(s, id);
    }
    return id;
  };
  // Each alias and surname sits in exactly one list of the matcher's Maps: written once, where its list is.
  const aliases = new Ints();
  const writeAlias = (a: AliasInput) => {
    const at = aliases.length;
    aliases.push(a.person);
    aliases.push(a.order);
    aliases.push(a.needsCapital ? 1 : 0);
    aliases.push(a.ids.length);
    for (const id of a.ids) aliases.push(id);
    return at;
  };
  const lists = new Ints();
  /** Writes a list of `count` records, each written by `write(i)` and returning its offset. */
  const list = (count: number, write: (i: number) => number) => {
    const at = lists.length;
    lists.push(count);
    for (let i = 0; i < count; i++) lists.push(0);
    for (let i = 0; i < count; i++) lists.data[at + 1 + i] = write(i);
    return at;
  };

  const singleIndex = new HashIndex(singles.size);
  for (const [id, found] of singles)
    singleIndex.set(
      id + 1,
      list(found.length, (i) => writeAlias(found[i]!)),
    );

  const byPairKey = new Map<number, AliasInput[]>();
  const pairFirsts = new HashIndex(pairs.size);
  for (const [first, seconds] of pairs) {
    pairFirsts.set(first + 1, 1);
    for (const [second, found] of seconds) {
      const key = pairKey(first, second);
      const same = byPairKey.get(key);
      if (same) same.push(...found);
      else byPairKey.set(key, [...found]);
    }
  }
  const pairIndex = new HashIndex(byPairKey.size);
  for (const [key, found] of byPairKey)
    pairIndex.set(
      key,
      list(found.length, (i) => writeAlias(found[i]!)),
    );

  const surnames = new Ints();
  const writeSurname = (s: SurnameInput) => {
    const at = surnames.length;
    surnames.push(s.person);
    surnames.push(s.latin ? 1 : 0);
    surnames.push(s.cyrillic ? 1 : 0);
    surnames.push(s.ids.length);
    for (const id of s.ids) surnames.push(id);
    for (const key of s.keys) surnames.push(stringId(key));
    return at;
  };
  const surnameIndex = new HashIndex(surnamesByFirst.size);
  for (const [first, found] of surnamesByFirst)
    surnameIndex.set(
      first + 1,
      list(found.length, (i) => writeSurname(found[i]!)),
    );

  const rules = new Uint8Array(persons.length);
  const wordOnly = new Uint8Array(persons.length);
  const ownStart = new Int32Array(persons.length + 1);
  const givenStart = new Int32Array(persons.length);
  const names = new Ints();
  persons.forEach((p, i) => {
    rules[i] = RULE_CODES.indexOf(p.rule);
    wordOnly[i] = p.wordOnly ? 1 : 0;
    ownStart[i] = names.length;
    for (const k of p.own) names.push(stringId(k));
    givenStart[i] = names.length;
    for (const k of p.given) names.push(stringId(k));
  });
  ownStart[persons.length] = names.length;

  return {
    aliases: aliases.done(),
    surnames: surnames.done(),
    lists: lists.done(),
    singles: singleIndex,
    pairs: pairIndex,
    pairFirsts,
    surnamesByFirst: surnameIndex,
    rules,
    wordOnly,
    ownStart,
    givenStart,
    names: names.done(),
    strings,
  };
}

/** The keys names[from .. to) as strings (a new array: the context checks take a list). */
export function keysOf(t: PeopleTables, from: number, to: number): string[] {
  const out: string[] = [];
  for (let i = from; i < to; i++) out.push(t.strings[t.names[i]!]!);
  return out;
}

/** The hash indexes of the tables (class instances: their prototype is set again when restored from storage). */
export const PEOPLE_HASH_FIELDS = ['singles', 'pairs', 'pairFirsts', 'surnamesByFirst'] as const;
