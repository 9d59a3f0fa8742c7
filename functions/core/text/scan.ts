import {
  CAPITAL_I,
  CYRILLIC_END,
  CYRILLIC_FIRST,
  ELLIPSIS,
  EXCLAMATION,
  FULL_STOP,
  HIGH_SURROGATE,
  IDEOGRAPHIC_FULL_STOP,
  isAsciiDigit,
  LOW_SURROGATE,
  NEWLINE,
  QUESTION,
  SPACE,
} from './char-codes';
import { E, FNV_PRIME, H0, I, SEP } from './word-key-codes';
import { FLAT, SINGLE, TABLE, codePointEntry, entryOf } from './word-keys';

/**
 * Open-addressing map from a non-zero 32-bit hash to a non-negative int. Each slot is a key and its
 * value side by side in one array, so a probe that finds its key reads one cache line, not two (the
 * scanner probes once per word of every article).
 */
export class HashIndex {
  private slots: Int32Array;
  private mask: number;
  size = 0;

  constructor(expected: number) {
    let cap = 16;
    while (cap < expected * 2) cap *= 2;
    this.slots = new Int32Array(cap * 2);
    this.mask = cap - 1;
  }

  /** Returns the value stored for h, or -1. */
  get(h: number): number {
    const slots = this.slots;
    let i = h & this.mask;
    for (;;) {
      const k = slots[i * 2]!;
      if (k === h) return slots[i * 2 + 1]!;
      if (k === 0) return -1;
      i = (i + 1) & this.mask;
    }
  }

  /** Stores v for h; returns the previous value or -1. */
  set(h: number, v: number): number {
    if ((this.size + 1) * 4 > this.slots.length) this.grow();
    let i = h & this.mask;
    for (;;) {
      const k = this.slots[i * 2]!;
      if (k === h) {
        const old = this.slots[i * 2 + 1]!;
        this.slots[i * 2 + 1] = v;
        return old;
      }
      if (k === 0) {
        this.slots[i * 2] = h;
        this.slots[i * 2 + 1] = v;
        this.size++;
        return -1;
      }
      i = (i + 1) & this.mask;
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    this.mask = old.length - 1;
    this.size = 0;
    for (let i = 0; i < old.length; i += 2) if (old[i] !== 0) this.set(old[i]!, old[i + 1]!);
  }
}

/** A full-key hash that collides between two different vocabulary keys: resolve by string. */
export const COLLIDE = 0x7fffffff;

export interface ScanTables {
  /** hash of a whole key → vocabulary id (or COLLIDE). */
  full: HashIndex;
  /** hash of the first 3 key characters of a Cyrillic stem → 1 (a hint that an inflected form may follow). */
  stem3: HashIndex;
  /** hash of the first 4 key characters of a prefix pattern → 1. */
  prefix4: HashIndex;
  /**
   * Per id, the bits of what its word may start or be (a name, a surname, a phrase…): recorded with each hit
   * (Hits.role) and OR-ed per field (Hits.roles), so a later pass over the hits can skip a field without
   * its bits and reads a hit's bits in order instead of looking them up by id.
   */
  roles: readonly number[];
  /** The slow path: resolve a token by its key string (collisions, inflections, prefixes). -1 when nothing. `hash`: its full-key hash. */
  resolve(text: string, start: number, end: number, cyrillic: boolean, hash: number): number;
}

/** Tokens of one field that may matter, as parallel arrays (no per-hit allocation). */
export class Hits {
  n = 0;
  /** Sentences in the field (set by scan). */
  sentences = 0;
  /** Whether the field holds an ASCII digit (set by scan): numbers are read only in a field that has one. */
  digits = false;
  /** The role bits of every hit OR-ed together (set by scan; see ScanTables.roles). */
  roles = 0;
  tok = new Int32Array(256);
  start = new Int32Array(256);
  end = new Int32Array(256);
  id = new Int32Array(256);
  sent = new Int32Array(256);
  /** 1 when the id was confirmed by string comparison, 0 when only by hash (confirm before use). */
  sure = new Uint8Array(256);
  /** The id's role bits (ScanTables.roles; they fit in a byte). */
  role = new Uint8Array(256);

  /** Doubles the arrays' room (scan checks `n` against `tok.length` itself: a call per recorded word did not inline there). */
  grow(): void {
    const cap = this.tok.length * 2;
    const copy = <T extends Int32Array | Uint8Array>(a: T, b: T): T => {
      b.set(a);
      return b;
    };
    this.tok = copy(this.tok, new Int32Array(cap));
    this.start = copy(this.start, new Int32Array(cap));
    this.end = copy(this.end, new Int32Array(cap));
    this.id = copy(this.id, new Int32Array(cap));
    this.sent = copy(this.sent, new Int32Array(cap));
    this.sure = copy(this.sure, new Uint8Array(cap));
    this.role = copy(this.role, new Uint8Array(cap));
  }
}

/**
 * The hot loop: one pass over the UTF-16 code units, hashing each word's key as it goes, one hash
 * probe per word. Only words whose key is in the vocabulary (or may be, via inflection/prefix hints)
 * are recorded; nothing is allocated for the others. Cost is independent of the watchlist's size.
 * Sentence numbers advance at . ! ? … and at blank lines, but not at the full stop of an initial or a
 * short abbreviation ("U.S.", "V. Bout", "Mr.", "Gen."), which in wire copy almost never ends a sentence.
 *
 * Most characters are a letter that emits one key character (SINGLE) or a space: both take a short
 * path, a word's first letter included (it starts the word there). Whether a word is Cyrillic is
 * asked only when its answer matters (a word the vocabulary lacks, or a collision): the letters'
 * codes are OR-ed together as they pass, and only a word with a code at or past Cyrillic's first is
 * looked at again. Each of these cut the scan's time (docs/benchmarks.md, "Tagger").
 */
export function scan(text: string, t: ScanTables, hits: Hits): void {
  hits.n = 0;
  const n = text.length;
  const units = codeUnitsOf(text);
  const { full, stem3, prefix4, roles } = t;
  let fieldRoles = 0;
  let h = H0;
  let klen = 0;
  let last = 0;
  let h3 = 0;
  let h4 = 0;
  let start = -1;
  let orc = 0;
  let digits = false;
  let tok = 0;
  let sent = 0;
  let brk = false;
  let newline = false;
  let wordStart = -1;
  let wordEnd = -1;
  // One pass over the text and one step more: the space codeUnitsOf puts after the last character closes its word.
  for (let i = 0; i <= n; i++) {
    const c = units[i]!;
    // SINGLE is 0 for a separator, a silent character, several key characters, or a character not
    // seen yet: those take the long path below.
    const single = SINGLE[c]!;
    if (single !== 0) {
      // A word's first letter: no context rule applies to it.
      if (start < 0) {
        start = i;
        h = Math.imul(H0 ^ single, FNV_PRIME);
        last = single;
        klen = 1;
        h3 = 0;
        h4 = 0;
        orc = c;
        newline = false;
        if (brk) {
          sent++;
          brk = false;
        }
        continue;
      }
      orc |= c;
      // The context rules apply only after an "i" (rare: tested first, so other letters take one branch).
      if (last === I) {
        if (single === I) continue;
        if (single === E && klen === 1) {
          h = Math.imul(H0 ^ E, FNV_PRIME);
          last = E;
          continue;
        }
      }
      h = Math.imul(h ^ single, FNV_PRIME);
      last = single;
      if (++klen < 5) {
        if (klen === 3) h3 = h;
        else if (klen === 4) h4 = h;
      }
      continue;
    }
    const at = i;
    // A space is the commonest separator: no table read, and it ends no sentence.
    let v = SEP;
    if (c !== SPACE) {
      v = TABLE[c]!;
      if (c >= HIGH_SURROGATE && c < LOW_SURROGATE && i + 1 < n) {
        v = codePointEntry(text.codePointAt(i)!);
        i++; // the low surrogate belongs to this character
      } else if (v < SEP) v = entryOf(c);
    }
    if (v === SEP) {
      if (start >= 0) {
        if (klen > 0) {
          const hash = h === 0 ? 1 : h;
          let id = full.get(hash);
          let sure = 0;
          // Only a word with a code past Latin's can be Cyrillic: the others are never read twice.
          const cyr = orc >= CYRILLIC_FIRST && hasCyrillic(text, start, at);
          if (
            id === COLLIDE ||
            (id < 0 && ((cyr && klen >= 3 && stem3.get(h3 === 0 ? 1 : h3) >= 0) || (klen >= 4 && prefix4.get(h4 === 0 ? 1 : h4) >= 0)))
          ) {
            id = t.resolve(text, start, at, cyr, hash);
            sure = 1;
          }
          if (id >= 0) {
            // Recorded here, not by a method: the scan is too large for V8 to inline a call under the tag command's compile budget.
            if (hits.n === hits.tok.length) hits.grow();
            const j = hits.n++;
            const role = roles[id]!;
            hits.tok[j] = tok;
            hits.start[j] = start;
            hits.end[j] = at;
            hits.id[j] = id;
            hits.sent[j] = sent;
            hits.sure[j] = sure;
            hits.role[j] = role;
            fieldRoles |= role;
          }
          tok++;
        }
        wordStart = start;
        wordEnd = at;
        start = -1;
      }
      if (c === SPACE) continue;
      if (c === FULL_STOP && wordEnd === at && isAbbreviation(text, wordStart, at)) continue;
      if (c === FULL_STOP || c === EXCLAMATION || c === QUESTION || c === ELLIPSIS || c === IDEOGRAPHIC_FULL_STOP) brk = true;
      else if (c === NEWLINE) {
        if (newline) brk = true;
        newline = true;
      }
      continue;
    }
    if (start < 0) {
      start = at;
      h = H0;
      klen = 0;
      last = 0;
      h3 = 0;
      h4 = 0;
      orc = 0;
      newline = false;
      if (brk) {
        sent++;
        brk = false;
      }
    }
    orc |= c;
    if (isAsciiDigit(c)) digits = true;
    for (let k = v >> 3, to = k + (v & 7); k < to; k++) {
      const code = FLAT[k]!;
      if (code === I && last === I) continue;
      if (code === E && klen === 1 && last === I) {
        h = Math.imul(H0 ^ E, FNV_PRIME);
        last = E;
        continue;
      }
      h = Math.imul(h ^ code, FNV_PRIME);
      last = code;
      klen++;
      if (klen === 3) h3 = h;
      else if (klen === 4) h4 = h;
    }
  }
  hits.sentences = sent + 1;
  hits.digits = digits;
  hits.roles = fieldRoles;
}

/**
 * The code units' room to start with, in units. A longer text makes room for twice its length, kept
 * until the process ends, up to MAX_KEPT_UNITS: at most about 4 MB, however long the texts.
 */
const MIN_UNITS = 4096;
/** A text this long or longer gets room of its own, dropped after its scan: an article body has no length cap. */
export const MAX_KEPT_UNITS = 1 << 20;
/** Room for code units: the bytes written to, and the same memory as units. */
interface Room {
  bytes: Buffer;
  units: Uint16Array;
}

function room(units: number): Room {
  const bytes = Buffer.alloc(units * 2);
  return { bytes, units: new Uint16Array(bytes.buffer, bytes.byteOffset, units) };
}

/** The room every text shorter than MAX_KEPT_UNITS is copied into. */
let kept = room(0);

/**
 * The text's UTF-16 code units in a reused typed array, followed by a space. In optimised code each
 * charCodeAt checks how the string is stored (≈ 2–4 ns a character on the bench machine); one native
 * copy (≈ 0.3 ns a character) and plain array reads cost less, and the space after the last unit
 * spares the scan a test for the end at every character (docs/benchmarks.md, "Tagger"). The units are
 * written little-endian, the byte order of every platform Node runs on. Valid until the next call, so
 * the scan that reads them must not scan another text meanwhile (none does).
 */
export function codeUnitsOf(text: string): Uint16Array {
  const n = text.length;
  if (n >= MAX_KEPT_UNITS) return written(room(n + 1), text);
  if (kept.units.length <= n) kept = room(Math.min(Math.max(MIN_UNITS, (n + 1) * 2), MAX_KEPT_UNITS));
  return written(kept, text);
}

function written(into: Room, text: string): Uint16Array {
  into.bytes.write(text, 0, text.length * 2, 'utf16le');
  into.units[text.length] = SPACE;
  return into.units;
}

/** Whether text[start, end) holds a Cyrillic code unit (a word that may be an inflected Russian name). */
function hasCyrillic(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= CYRILLIC_FIRST && c < CYRILLIC_END) return true;
  }
  return false;
}

/** Title-case abbreviations that take a full stop (compared only for 2–4 letter words before a full stop). */
const ABBREVIATIONS = new Set([
  'Mr',
  'Mrs',
  'Ms',
  'Dr',
  'St',
  'Jr',
  'Sr',
  'Lt',
  'Gen',
  'Col',
  'Sgt',
  'Capt',
  'Gov',
  'Sen',
  'Rep',
  'Rev',
  'Prof',
  'Mt',
  'Ft',
  'Adm',
  'Maj',
  'Cpl',
  'No',
  'Jan',
  'Feb',
  'Aug',
  'Sept',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
  'ул',
  'им',
  'гг',
  'тыс',
  'млн',
  'млрд',
  'руб',
  'г',
]);

/**
 * Words that begin a sentence far more often than they follow "U.S." inside one: after the last letter
 * of a dotted abbreviation, one of these means the full stop also ends the sentence ("… to the U.S. The
 * next day …"), while "U.S. Army" or "U.S. officials" stay one sentence.
 */
const STARTS_SENTENCE =
  /^\s+(?:The|A|An|He|She|It|They|We|His|Her|Its|Their|This|That|These|Those|There|On|In|At|After|Before|But|However|Meanwhile|Earlier|Later)\s/;

/** A one-letter word (an initial, a letter of "U.S.") or a known short abbreviation. */
function isAbbreviation(text: string, start: number, end: number): boolean {
  const len = end - start;
  if (len === 1 && text.charCodeAt(start - 1) === FULL_STOP) return !STARTS_SENTENCE.test(text.slice(end + 1, end + 16));
  if (len === 1) return text.charCodeAt(start) !== CAPITAL_I;
  return len <= 4 && ABBREVIATIONS.has(text.slice(start, end));
}
