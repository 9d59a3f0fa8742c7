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
 * - surname: person, written in Latin letters (0/1), in Cyrillic (0/1), word count, then the word ids
 *   (the words' keys are the vocabulary's keys of those ids);
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
  /**
   * Per person: the keys of the person's own name words, and of the given names among them, each list
   * as one string joined by NAME_SEPARATOR (a key never holds one): one string a person, not an array.
   */
  own: string[];
  given: string[];
}

const NAME_SEPARATOR = '\n';

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

/**
 * Compiles the matcher's Maps into columns, keeping every list's order, a step at a time: a build that
 * must keep serving meanwhile (the ingest function's background rebuild) does it in slices. A unit of
 * work is one list (most hold one record), one word pair or one person. (Plain loops in methods rather
 * than a generator: V8 optimises these while they run, a generator's body stays slow.)
 */
export class PeopleTablesBuild {
  private readonly aliases = new Ints();
  private readonly surnames = new Ints();
  private readonly lists = new Ints();
  private readonly singles: HashIndex;
  private readonly pairFirsts: HashIndex;
  private pairs = new HashIndex(0);
  private readonly surnamesByFirst: HashIndex;
  private readonly rules: Uint8Array;
  private readonly wordOnly: Uint8Array;
  private readonly own: string[] = [];
  private readonly given: string[] = [];
  /** Aliases of two or more words by pairKey (several pairs may share a key). */
  private readonly byPairKey = new Map<number, AliasInput[]>();
  private readonly singlesLeft: Iterator<[number, readonly AliasInput[]]>;
  private readonly firstsLeft: Iterator<[number, ReadonlyMap<number, readonly AliasInput[]>]>;
  private secondsLeft: Iterator<[number, readonly AliasInput[]]> | undefined;
  private first = 0;
  private pairKeysLeft: Iterator<[number, AliasInput[]]> | undefined;
  private readonly surnamesLeft: Iterator<[number, readonly SurnameInput[]]>;
  private nextPerson = 0;

  constructor(
    singles: ReadonlyMap<number, readonly AliasInput[]>,
    pairs: ReadonlyMap<number, ReadonlyMap<number, readonly AliasInput[]>>,
    surnamesByFirst: ReadonlyMap<number, readonly SurnameInput[]>,
    private readonly persons: readonly PersonInput[],
  ) {
    this.singles = new HashIndex(singles.size);
    this.pairFirsts = new HashIndex(pairs.size);
    this.surnamesByFirst = new HashIndex(surnamesByFirst.size);
    this.rules = new Uint8Array(persons.length);
    this.wordOnly = new Uint8Array(persons.length);
    this.singlesLeft = singles.entries();
    this.firstsLeft = pairs.entries();
    this.surnamesLeft = surnamesByFirst.entries();
  }

  /** Does up to `count` more units; the tables once all are done (undefined until then). */
  step(count: number): PeopleTables | undefined {
    let left = this.stepSingles(count);
    left = this.stepPairs(left);
    left = this.stepPairLists(left);
    left = this.stepSurnames(left);
    left = this.stepPersons(left);
    // Each phase hands budget on only once it is done: budget left over means every phase is.
    if (left === 0) return undefined;
    return {
      aliases: this.aliases.done(),
      surnames: this.surnames.done(),
      lists: this.lists.done(),
      singles: this.singles,
      pairs: this.pairs,
      pairFirsts: this.pairFirsts,
      surnamesByFirst: this.surnamesByFirst,
      rules: this.rules,
      wordOnly: this.wordOnly,
      own: this.own,
      given: this.given,
    };
  }

  private stepSingles(count: number): number {
    return drain(this.singlesLeft, count, ([word, ids]) => this.singles.set(word + 1, this.aliasList(ids)));
  }

  private stepPairs(count: number): number {
    let left = count;
    while (left > 0) {
      const next = this.secondsLeft?.next();
      if (!next || next.done) {
        const first = this.firstsLeft.next();
        if (first.done) break;
        this.first = first.value[0];
        this.pairFirsts.set(this.first + 1, 1);
        this.secondsLeft = first.value[1].entries();
        continue;
      }
      const key = pairKey(this.first, next.value[0]);
      const same = this.byPairKey.get(key);
      if (same) same.push(...next.value[1]);
      else this.byPairKey.set(key, [...next.value[1]]);
      left--;
    }
    return left;
  }

  private stepPairLists(count: number): number {
    if (count === 0) return 0;
    if (!this.pairKeysLeft) {
      this.pairs = new HashIndex(this.byPairKey.size);
      this.pairKeysLeft = this.byPairKey.entries();
    }
    return drain(this.pairKeysLeft, count, ([key, ids]) => this.pairs.set(key, this.aliasList(ids)));
  }

  private stepSurnames(count: number): number {
    return drain(this.surnamesLeft, count, ([word, ids]) => this.surnamesByFirst.set(word + 1, this.surnameList(ids)));
  }

  private stepPersons(count: number): number {
    let left = count;
    for (; left > 0 && this.nextPerson < this.persons.length; left--) {
      const i = this.nextPerson++;
      const p = this.persons[i]!;
      this.rules[i] = RULE_CODES.indexOf(p.rule);
      this.wordOnly[i] = p.wordOnly ? 1 : 0;
      this.own.push(p.own.join(NAME_SEPARATOR));
      this.given.push(p.given.join(NAME_SEPARATOR));
    }
    return left;
  }

  /** Writes a list of aliases (each sits in exactly one list: written once, there); returns the list's offset. */
  private aliasList(found: readonly AliasInput[]): number {
    const at = this.openList(found.length);
    for (let i = 0; i < found.length; i++) {
      const a = found[i]!;
      this.lists.data[at + 1 + i] = this.aliases.length;
      this.aliases.push(a.person);
      this.aliases.push(a.order);
      this.aliases.push(a.needsCapital ? 1 : 0);
      this.aliases.push(a.ids.length);
      for (const id of a.ids) this.aliases.push(id);
    }
    return at;
  }

  private surnameList(found: readonly SurnameInput[]): number {
    const at = this.openList(found.length);
    for (let i = 0; i < found.length; i++) {
      const s = found[i]!;
      this.lists.data[at + 1 + i] = this.surnames.length;
      this.surnames.push(s.person);
      this.surnames.push(s.latin ? 1 : 0);
      this.surnames.push(s.cyrillic ? 1 : 0);
      this.surnames.push(s.ids.length);
      for (const id of s.ids) this.surnames.push(id);
    }
    return at;
  }

  /** A list's count and room for its offsets. */
  private openList(count: number): number {
    const at = this.lists.length;
    this.lists.push(count);
    for (let i = 0; i < count; i++) this.lists.push(0);
    return at;
  }
}

/** A person's key list as an array again (own or given; a new array: the context checks take a list). */
export function keysOf(joined: string): string[] {
  return joined === '' ? [] : joined.split(NAME_SEPARATOR);
}

/** The hash indexes of the tables (class instances: their prototype is set again when restored from storage). */
export const PEOPLE_HASH_FIELDS = ['singles', 'pairs', 'pairFirsts', 'surnamesByFirst'] as const;

/** Takes up to `count` entries from `entries` into `put`; returns the part of `count` not used (0 while entries remain). */
function drain<T>(entries: Iterator<T>, count: number, put: (entry: T) => void): number {
  let left = count;
  for (; left > 0; left--) {
    const next = entries.next();
    if (next.done) break;
    put(next.value);
  }
  return left;
}
