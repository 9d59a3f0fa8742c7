import { FNV_PRIME, hashKey, keyEquals, keyOf, tokenize } from '../text/word-keys';
import { COLLIDE, HashIndex, type ScanTables } from '../text/scan';
import type { Element } from '../text/phrase-elements';

/**
 * Russian case endings in key form (see text/word-keys.ts), longest first. Not -ов/-ев: on a name that is
 * far more often another surname (Бут → Бутов, Рид → Ридов) than a genitive plural ("супругов Бутов").
 */
export const ENDINGS = [
  'iami',
  'ami',
  'iakh',
  'akh',
  'ogo',
  'ego',
  'omu',
  'emu',
  'oiu',
  'eiu',
  'uiu',
  'aia',
  'ikh',
  'om',
  'em',
  'im',
  'oi',
  'ei',
  'iu',
  'ia',
  'a',
  'u',
  'e',
  'i',
];
/** Endings a base form may carry that its inflections replace (Сергей → Сергея: "sergei" → stem "serge"). */
const BASE_ENDINGS = ['ia', 'a', 'i'];
const MIN_STEM = 3;
const PREFIX_LEN = 4;
/** The word table's starting size, and the keys a person adds on average (name words, spellings: about 3 at 10,000 generated people). */
const MIN_WORDS = 1024;
const KEYS_PER_PERSON = 4;
/** Cap on cached slow-path resolutions (words seen, not watchlist size): cleared when exceeded. */
const DYNAMIC_LIMIT = 50_000;
/** Starting size of the table of recent slow-path answers by hash (it grows with the words seen, up to DYNAMIC_LIMIT). */
const RECENT_START = 256;
/** Mixed into a token's hash for a Cyrillic token: the slow path answers differently by script. */
const CYRILLIC_MIX = 0x5bd1e995;

/**
 * Lists of ids by id, packed as a snapshot carries them: `ids[starts[id], starts[id + 1])` is the list
 * of `id` (an empty range: none). Typed arrays decode at once; the Map of 20,000 lists they replace took
 * a large part of a restore (docs/benchmarks.md, "Tagger").
 */
export interface PackedLists {
  starts: Int32Array;
  ids: Int32Array;
}

/** The roles of every id, packed as a snapshot carries them (Vocab.roles and its own roles, as typed arrays). */
export interface PackedRoles {
  roles: Int32Array;
  ownRoles: Int32Array;
}

/** Strings to ids, packed as a snapshot carries them: the i-th string is `text[ends[i - 1] ?? 0, ends[i])`, its id `ids[i]`. */
export interface PackedKeys {
  text: string;
  ends: Int32Array;
  ids: Int32Array;
}

/** A word of a name as written, and its key (tokenize's token without offsets). */
export interface NameWord {
  text: string;
  key: string;
}

const SPACE = 32;
const chunkCache = new Map<string, NameWord[]>();
function chunkWords(chunk: string): NameWord[] {
  let words = chunkCache.get(chunk);
  if (!words) {
    if (chunkCache.size > 100_000) chunkCache.clear();
    words = tokenize(chunk).map((t) => ({ text: chunk.slice(t.start, t.end), key: t.key }));
    chunkCache.set(chunk, words);
  }
  return words;
}

/**
 * The words of a name or phrase: the tokens tokenize() finds, as text and key. Remembered per
 * space-separated chunk (a space always separates tokens), so the thousands of names sharing a given
 * name or a surname tokenize each word once (build time). The result must not be modified.
 */
export function nameWords(phrase: string): readonly NameWord[] {
  if (phrase.indexOf(' ') < 0) return chunkWords(phrase);
  const words: NameWord[] = [];
  let from = 0;
  for (let i = 0; i <= phrase.length; i++) {
    if (i < phrase.length && phrase.charCodeAt(i) !== SPACE) continue;
    if (i > from) for (const w of chunkWords(phrase.slice(from, i))) words.push(w);
    from = i + 1;
  }
  return words;
}

/**
 * What a word can start (bits of Vocab.roles): the scan copies them onto each hit it records, so the
 * matchers skip other hits without a lookup.
 */
export const ROLE = { alias: 1, pair: 2, surname: 4, topic: 8, exclude: 16 } as const;

/**
 * The vocabulary: every word key (and prefix pattern) any person or topic needs, numbered. A text
 * token resolves to one id; `implies[id]` lists every id that token satisfies (itself, the prefix
 * patterns it matches, the base word it inflects).
 */
export class Vocab implements ScanTables {
  readonly keys: string[] = [];
  /**
   * Per id: the ids it implies (read them with impliedBy). A restored vocabulary starts with none and
   * unpacks an id's list from `packedImplies` when a text first uses the id: a tag run touches a few
   * thousand of the 30,000 words of 10,000 people, and deserialising a small array per word was a third of
   * a restore (docs/benchmarks.md, "Tagger").
   */
  private implies: (number[] | undefined)[] = [];
  private packedImplies: PackedLists | undefined;
  /** Per id: the ROLE bits of every id it implies. */
  roles: number[] = [];
  private ownRoles: number[] = [];
  readonly full: HashIndex;
  readonly stem3 = new HashIndex(64);
  readonly prefix4 = new HashIndex(64);
  /**
   * Word key → id (the keys addKey made). A restored vocabulary has none: the word table `full` finds
   * a key's id by its hash, and this is made from `keys` only for a hash two keys share (see exactId).
   */
  private byKey: Map<string, number> | undefined = new Map<string, number>();
  private readonly prefixes = new Map<string, number>();
  private readonly prefixesByHead = new Map<string, string[]>();
  /** Russian stem → id (see addStems); a restored vocabulary has `packedStems` instead, read into this on first use (Cyrillic text only). */
  private stems: Map<string, number> | undefined = new Map<string, number>();
  private packedStems: PackedKeys | undefined;
  /** Per id: the ids it stands for as another spelling (Уилан → Whelan), see addSpelling; a restored vocabulary reads `packedSpellings` instead. */
  private spellings: Map<number, number[]> | undefined = new Map<number, number[]>();
  private packedSpellings: PackedLists | undefined;
  private readonly stemmed = new Set<number>();
  private baseSize = 0;
  private readonly dynamic = new Map<string, number>();
  /**
   * The slow path's answers again, by the token key's hash (and script): a word that takes the slow
   * path comes back many times ("according" under the `account*` pattern), and this finds its answer without
   * building its key string. Always checked against the key itself. Cleared with `dynamic`.
   */
  private recent = new RecentAnswers();
  private finishing: { words: IterableIterator<[string, number]>; wordsDone: boolean; nextRole: number } | undefined;

  /** `people`: how many people will be added, to size the word table once instead of growing it step by step. */
  constructor(people = 0) {
    this.full = new HashIndex(Math.max(MIN_WORDS, people * KEYS_PER_PERSON));
  }

  /** The id of an element, creating it when new. */
  idOf(el: Element): number {
    return el.prefix ? this.addPrefix(el.key) : this.addKey(el.key);
  }

  private newId(key: string): number {
    const id = this.keys.length;
    this.keys.push(key);
    this.implies[id] = [id];
    this.roles.push(0);
    this.ownRoles.push(0);
    return id;
  }

  addKey(key: string): number {
    const byKey = this.keyIndex();
    let id = byKey.get(key);
    if (id === undefined) {
      id = this.newId(key);
      byKey.set(key, id);
      const h = hashKey(key);
      const old = this.full.set(h, id);
      if (old >= 0) this.full.set(h, COLLIDE);
    }
    return id;
  }

  private addPrefix(prefix: string): number {
    let id = this.prefixes.get(prefix);
    if (id === undefined) {
      id = this.newId(`${prefix}*`);
      this.prefixes.set(prefix, id);
      const head = prefix.slice(0, PREFIX_LEN);
      this.prefixesByHead.set(head, [...(this.prefixesByHead.get(head) ?? []), prefix]);
      this.prefix4.set(hashKey(head), 1);
    }
    return id;
  }

  /** Lets Cyrillic inflections of this (person-name) word resolve to it. */
  addStems(id: number): void {
    if (this.stemmed.has(id)) return;
    this.stemmed.add(id);
    const key = this.keys[id]!;
    this.addStem(key, id);
    for (const e of BASE_ENDINGS) if (key.endsWith(e)) this.addStem(key.slice(0, -e.length), id);
  }

  private addStem(stem: string, id: number): void {
    const stems = this.stemIndex();
    if (stem.length < MIN_STEM || stems.has(stem)) return;
    stems.set(stem, id);
    this.stem3.set(hashKey(stem.slice(0, MIN_STEM)), 1);
  }

  /**
   * Lets the word `key` (and, when `stems`, its Russian inflections) stand for the word `id`: another
   * script's spelling of a name word (Whelan → уилан, Артём → artyom). Returns the spelling's id.
   */
  addSpelling(key: string, id: number, stems: boolean): number {
    const spelling = this.addKey(key);
    if (spelling === id) return id;
    const spellings = this.spellingIndex();
    const list = spellings.get(spelling);
    if (!list) spellings.set(spelling, [id]);
    else if (!list.includes(id)) list.push(id);
    if (stems) this.addStems(spelling);
    return spelling;
  }

  private addWithSpellings(ids: Set<number>, id: number): void {
    ids.add(id);
    const list = this.spellingsOf(id);
    if (list) for (let i = 0; i < list.length; i++) ids.add(list[i]!);
  }

  /** Records that phrases of some kind start with this id. */
  markRole(id: number, role: number): void {
    this.ownRoles[id]! |= role;
  }

  private rolesOf(ids: readonly number[]): number {
    let roles = 0;
    for (let i = 0; i < ids.length; i++) roles |= this.ownRoles[ids[i]!]!;
    return roles;
  }

  /** Call once all words are added: exact words that also match prefix patterns imply them. */
  finish(): void {
    while (!this.finishStep(Number.POSITIVE_INFINITY));
  }

  /** finish() in steps of up to `count` words (for a build spread over several turns); true when done. */
  finishStep(count: number): boolean {
    this.finishing ??= { words: this.keyIndex().entries(), wordsDone: false, nextRole: 0 };
    const state = this.finishing;
    let left = count;
    while (!state.wordsDone && left > 0) {
      const next = state.words.next();
      if (next.done) state.wordsDone = true;
      else {
        const [key, id] = next.value;
        // A plain word keeps the [id] it was created with.
        if (!this.isPlain(key, id)) this.implies[id] = this.resolveIds(key, false, id);
        left--;
      }
    }
    // Roles once every word's implications are known.
    while (state.wordsDone && left > 0 && state.nextRole < this.implies.length) {
      const id = state.nextRole++;
      this.roles[id] = this.rolesOf(this.impliedBy(id));
      left--;
    }
    if (!state.wordsDone || state.nextRole < this.implies.length) return false;
    this.baseSize = this.keys.length;
    return true;
  }

  /** A word of the vocabulary that no prefix pattern matches and that spells no other word: it implies only itself. */
  private isPlain(key: string, id: number): boolean {
    return !this.spellingsOf(id) && (this.prefixesByHead.size === 0 || !this.prefixesByHead.has(key.slice(0, PREFIX_LEN)));
  }

  private resolveIds(key: string, cyrillic: boolean, exact: number | undefined): number[] {
    const heads = this.prefixesByHead.get(key.slice(0, PREFIX_LEN));
    // Most words are plain: no prefix pattern, no other spelling, no inflection to look up.
    if (!heads && !cyrillic && exact !== undefined && !this.spellingsOf(exact)) return [exact];
    const ids = new Set<number>();
    if (exact !== undefined) this.addWithSpellings(ids, exact);
    for (const prefix of heads ?? []) {
      if (key.startsWith(prefix)) ids.add(this.prefixes.get(prefix)!);
    }
    if (cyrillic) {
      for (const ending of ENDINGS) {
        if (!key.endsWith(ending) || key.length - ending.length < MIN_STEM) continue;
        const base = this.stemIndex().get(key.slice(0, -ending.length));
        if (base !== undefined) this.addWithSpellings(ids, base);
      }
    }
    return [...ids].sort((a, b) => a - b);
  }

  /** The slow path for a token the hash could not settle (see ScanTables.resolve). */
  resolve(text: string, start: number, end: number, cyrillic: boolean, hash: number): number {
    const recentHash = cyrillic ? Math.imul(hash ^ CYRILLIC_MIX, FNV_PRIME) || 1 : hash;
    const known = this.recent.find(recentHash, text, start, end);
    if (known !== undefined) return known;
    const key = keyOf(text, start, end);
    const id = this.resolveKey(key, cyrillic);
    this.recent.add(recentHash, key, id);
    return id;
  }

  private resolveKey(key: string, cyrillic: boolean): number {
    const cacheKey = cyrillic ? `${key}\u0001` : key;
    const cached = this.dynamic.get(cacheKey);
    if (cached !== undefined) return cached;
    const exact = this.exactId(key);
    const ids = this.resolveIds(key, cyrillic, exact);
    let id = -1;
    if (exact !== undefined && ids.length === this.impliedBy(exact).length) id = exact;
    else if (ids.length > 0) {
      id = this.newId(key);
      const implied = [...new Set([id, ...ids, ...(exact === undefined ? [] : this.impliedBy(exact))])].sort((a, b) => a - b);
      this.implies[id] = implied;
      this.roles[id] = this.rolesOf(implied);
    }
    this.dynamic.set(cacheKey, id);
    return id;
  }

  /** The id addKey gave `key`, if any. */
  private exactId(key: string): number | undefined {
    if (this.byKey) return this.byKey.get(key);
    // Restored: by the word table, whose ids are exactly addKey's, confirmed by the key (another key may share the hash).
    const id = this.full.get(hashKey(key));
    if (id === COLLIDE) return this.keyIndex().get(key);
    return id >= 0 && this.keys[id] === key ? id : undefined;
  }

  /** byKey, made from `keys` for a restored vocabulary: every id below baseSize but the prefix patterns' is addKey's. */
  private keyIndex(): Map<string, number> {
    if (!this.byKey) {
      const prefixIds = new Set(this.prefixes.values());
      const byKey = new Map<string, number>();
      for (let id = 0; id < this.baseSize; id++) if (!prefixIds.has(id)) byKey.set(this.keys[id]!, id);
      this.byKey = byKey;
    }
    return this.byKey;
  }

  /** stems, read from packedStems on first use in a restored vocabulary. */
  private stemIndex(): Map<string, number> {
    if (!this.stems) {
      const { text, ends, ids } = this.packedStems!;
      const stems = new Map<string, number>();
      for (let i = 0, from = 0; i < ends.length; from = ends[i++]!) stems.set(text.slice(from, ends[i]), ids[i]!);
      this.stems = stems;
      this.packedStems = undefined;
    }
    return this.stems;
  }

  /** spellings, read from packedSpellings (for a build step after a restore: tagging reads the packed lists). */
  private spellingIndex(): Map<number, number[]> {
    if (!this.spellings) {
      const spellings = new Map<number, number[]>();
      for (let id = 0; id + 1 < this.packedSpellings!.starts.length; id++) {
        const list = this.spellingsOf(id);
        if (list) spellings.set(id, Array.from(list));
      }
      this.spellings = spellings;
      this.packedSpellings = undefined;
    }
    return this.spellings;
  }

  /** The ids `id` stands for as another spelling, or undefined (never an empty list). */
  private spellingsOf(id: number): ArrayLike<number> | undefined {
    if (this.spellings) return this.spellings.get(id);
    const { starts, ids } = this.packedSpellings!;
    if (id + 1 >= starts.length) return undefined;
    const from = starts[id]!;
    const to = starts[id + 1]!;
    return from < to ? ids.subarray(from, to) : undefined;
  }

  /**
   * The stems and spellings packed for a snapshot (see PackedLists, PackedKeys); the snapshot carries no
   * byKey: a restored vocabulary finds keys by the word table (exactId).
   */
  packed(): { packedStems: PackedKeys; packedSpellings: PackedLists; packedImplies: PackedLists; packedRoles: PackedRoles } {
    const stems = this.stemIndex();
    const ends = new Int32Array(stems.size);
    const stemIds = new Int32Array(stems.size);
    let text = '';
    let i = 0;
    for (const [stem, id] of stems) {
      text += stem;
      ends[i] = text.length;
      stemIds[i++] = id;
    }
    const spellings = this.spellingIndex();
    const starts = new Int32Array(this.keys.length + 1);
    const ids: number[] = [];
    for (let id = 0; id < this.keys.length; id++) {
      starts[id] = ids.length;
      for (const x of spellings.get(id) ?? []) ids.push(x);
    }
    starts[this.keys.length] = ids.length;
    return {
      packedStems: { text, ends, ids: stemIds },
      packedSpellings: { starts, ids: Int32Array.from(ids) },
      packedImplies: this.packedImpliesOf(),
      packedRoles: { roles: Int32Array.from(this.roles), ownRoles: Int32Array.from(this.ownRoles) },
    };
  }

  private packedImpliesOf(): PackedLists {
    const starts = new Int32Array(this.keys.length + 1);
    const ids: number[] = [];
    for (let id = 0; id < this.keys.length; id++) {
      starts[id] = ids.length;
      for (const x of this.impliedBy(id)) ids.push(x);
    }
    starts[this.keys.length] = ids.length;
    return { starts, ids: Int32Array.from(ids) };
  }

  /**
   * Takes up the lists a snapshot carries packed (see packed): the roles as arrays again (the scan reads
   * them as arrays on every path), the implied ids unpacked one id at a time as texts use them.
   */
  unpackRestored({ roles, ownRoles }: PackedRoles): void {
    // Array.prototype.slice copies natively; Array.from walks the typed array's iterator (≈ 5 × slower, cold).
    this.roles = arrayOf(roles);
    this.ownRoles = arrayOf(ownRoles);
    // Holes until used: newId appends after the restored ids.
    this.implies = new Array<number[] | undefined>(this.keys.length);
    this.forgetRecent();
  }

  /** Forget cached resolutions when too many distinct words have been seen (call between articles). */
  trim(): void {
    if (this.dynamic.size < DYNAMIC_LIMIT) return;
    this.dynamic.clear();
    this.recent = new RecentAnswers();
    this.keys.length = this.baseSize;
    this.implies.length = this.baseSize;
    this.roles.length = this.baseSize;
    this.ownRoles.length = this.baseSize;
  }

  /** Starts the per-run caches afresh (a tagger restored from a snapshot, which does not carry them). */
  forgetRecent(): void {
    this.recent = new RecentAnswers();
  }

  /** Whether the token text[start, end) resolved by hash to `id` really has that key (guards hash collisions). */
  confirms(text: string, start: number, end: number, id: number): boolean {
    return keyEquals(text, start, end, this.keys[id]!);
  }

  /** The ids a token with id `id` satisfies (itself, the prefix patterns it matches, the base word it inflects). */
  impliedBy(id: number): readonly number[] {
    return this.implies[id] ?? this.unpackImplies(id);
  }

  private unpackImplies(id: number): number[] {
    const { starts, ids } = this.packedImplies!;
    const list = Array.from(ids.subarray(starts[id]!, starts[id + 1]!));
    this.implies[id] = list;
    return list;
  }

  /** Whether a hit with id `hit` satisfies element id `el`. */
  satisfies(hit: number, el: number): boolean {
    if (hit === el) return true;
    const imp = this.impliedBy(hit);
    for (let i = 0; i < imp.length; i++) if (imp[i] === el) return true;
    return false;
  }
}

const arrayOf = (typed: Int32Array): number[] => Array.prototype.slice.call(typed) as number[];

/** Slow-path answers by hash, each kept with its key (only the first key seen for a hash is kept). */
class RecentAnswers {
  private readonly index = new HashIndex(RECENT_START);
  private readonly keys: string[] = [];
  private readonly ids: number[] = [];

  /** The answer kept for the token text[start, end) with this hash, if its key is the one kept. */
  find(hash: number, text: string, start: number, end: number): number | undefined {
    const at = this.index.get(hash);
    return at >= 0 && keyEquals(text, start, end, this.keys[at]!) ? this.ids[at]! : undefined;
  }

  add(hash: number, key: string, id: number): void {
    if (this.index.get(hash) >= 0) return;
    this.index.set(hash, this.keys.length);
    this.keys.push(key);
    this.ids.push(id);
  }
}
