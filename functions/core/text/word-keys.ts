import {
  ASCII_END,
  CAPITAL_A,
  CAPITAL_Z,
  CYRILLIC_END,
  CYRILLIC_FIRST,
  HIGH_SURROGATE,
  isAsciiDigit,
  LOW_SURROGATE,
  SMALL_A,
  SMALL_Z,
} from './char-codes';
import { lazyRegExp } from './lazy-regexp';
import { E, FNV_PRIME, H0, I, SEP } from './word-key-codes';
/**
 * Word keys: the script-neutral, case-, diacritic- and spelling-variant-folded form of a word that the
 * tagger compares. "Sergei", "SERGEY", "Sérgei" and "Сергей" all have the key "sergei"; "Ryabkov",
 * "Riabkov" and "Рябков" all have "riabkov".
 *
 * Each UTF-16 code unit maps to one of: a separator, a silent word character (combining marks, soft
 * hyphens, ь/ъ), or 1–4 emitted key characters. The map is built lazily (ASCII eagerly) from Unicode
 * NFKD, so compatibility forms (fullwidth letters, ligatures) fold as NFKC would. Two context rules
 * apply while emitting: "ii" collapses to "i" (Dmitriy/Dmitrii/Дмитрий), and a word-initial "ie"
 * becomes "e" (Yevgeny/Евгений). The scanner (scan.ts) applies exactly the same rules while hashing.
 */

export { E, FNV_PRIME, H0, I, SEP };
const UNKNOWN = -2;

/** Cyrillic lower-case letter → Latin key letters (a phonetic transliteration, chosen to meet the Latin folds below). */
const CYRILLIC: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'kh',
  ш: 'sh',
  щ: 'shkh',
  ъ: '',
  ы: 'i',
  ь: '',
  э: 'e',
  ю: 'iu',
  я: 'ia',
  і: 'i',
  ї: 'i',
  є: 'ie',
  ґ: 'g',
  ў: 'u',
};

/** Latin letters folded so the usual romanisation variants meet: c/k/q, w/v, y/j/i, x/ks. */
const LATIN: Record<string, string> = { c: 'k', q: 'k', w: 'v', y: 'i', j: 'i', x: 'ks' };

/** Letters NFKD does not decompose. */
const SPECIAL: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ħ: 'h' };

/** Per code unit: SEP, or (offset << 3 | length) into FLAT (length 0 = silent word character). */
export const TABLE = new Int32Array(65536).fill(UNKNOWN);
/**
 * Per code unit whose entry emits exactly one key character: that character's code (0 otherwise), so
 * the scanner's common case is one table read instead of two (TABLE, then FLAT). ASCII digits are 0
 * too: on the scanner's long path they mark the field as holding a digit (Hits.digits), so the topic
 * rules read numbers only in a field that has one.
 */
export const SINGLE = new Int32Array(65536);
/** Emitted key character codes. */
export let FLAT: Int32Array = new Int32Array(4096);
let flatLength = 0;
function pushFlat(code: number): void {
  if (flatLength === FLAT.length) {
    const bigger = new Int32Array(FLAT.length * 2);
    bigger.set(FLAT);
    FLAT = bigger;
  }
  FLAT[flatLength++] = code;
}

/** Unicode property classes, made on first use (lazyRegExp says why). */
const MARK_OR_FORMAT = lazyRegExp('[\\p{M}\\p{Cf}]', 'u');
const MARKS_OR_FORMATS = lazyRegExp('[\\p{M}\\p{Cf}]', 'gu');
const LETTER_OR_DIGIT = lazyRegExp('[\\p{L}\\p{N}]', 'u');

function latinKey(ch: string): string {
  return LATIN[ch] ?? ch;
}

/**
 * The key characters of one character, by definition: '' for a combining mark or a format character,
 * null (a separator) for anything but a letter or a digit, else its lower case, NFKD-folded, with the
 * tables above applied.
 */
export function keyCharsByProperties(ch: string): string | null {
  if (MARK_OR_FORMAT().test(ch)) return '';
  if (!LETTER_OR_DIGIT().test(ch)) return null;
  const lower = ch.toLowerCase();
  const direct = CYRILLIC[lower] ?? SPECIAL[lower];
  if (direct !== undefined) return [...direct].map(latinKey).join('');
  const folded = lower.normalize('NFKD').replace(MARKS_OR_FORMATS(), '').toLowerCase();
  return [...folded].map((c) => CYRILLIC[c] ?? SPECIAL[c] ?? latinKey(c)).join('');
}

/**
 * keyCharsByProperties without its Unicode property regexes for ASCII and for the letters of CYRILLIC
 * and SPECIAL (every one of them a letter, so those tests would pass): V8 builds the regexes' character
 * classes when they first run, and keying ASCII through them cost ≈ 1 ms of every cold start of a
 * function that loads the tagger (docs/benchmarks.md, "Lambda cold start"). The same answer for every
 * code unit (tests/unit/core/word-keys.test.ts).
 */
export function keyCharsOf(ch: string): string | null {
  const code = ch.charCodeAt(0);
  if (ch.length === 1 && code < ASCII_END) return asciiKeyChars(code);
  const lower = ch.toLowerCase();
  const direct = CYRILLIC[lower] ?? SPECIAL[lower];
  return direct !== undefined ? [...direct].map(latinKey).join('') : keyCharsByProperties(ch);
}

/** An ASCII digit keys as itself, a letter as its lower case folded by LATIN; anything else separates words. */
function asciiKeyChars(code: number): string | null {
  if (isAsciiDigit(code)) return String.fromCharCode(code);
  if (code >= CAPITAL_A && code <= CAPITAL_Z) return latinKey(String.fromCharCode(code - CAPITAL_A + SMALL_A));
  if (code >= SMALL_A && code <= SMALL_Z) return latinKey(String.fromCharCode(code));
  return null;
}

function define(code: number, chars: string | null): number {
  if (chars === null) {
    TABLE[code] = SEP;
    return SEP;
  }
  const offset = flatLength;
  for (const c of chars) pushFlat(c.charCodeAt(0));
  const entry = (offset << 3) | chars.length;
  TABLE[code] = entry;
  if (chars.length === 1 && !isAsciiDigit(code)) SINGLE[code] = chars.charCodeAt(0);
  return entry;
}

/** The table entry for a UTF-16 code unit (surrogates: see codePointEntry). */
export function entryOf(code: number): number {
  const v = TABLE[code]!;
  return v !== UNKNOWN ? v : define(code, keyCharsOf(String.fromCharCode(code)));
}

/**
 * Astral code points whose entries are kept (their key characters stay in FLAT): the letters of a few
 * scripts and the mathematical alphabets an article mixes in. The code points come from article text,
 * so past this many an entry is computed again each time instead (see astralScratch), and neither the
 * map nor FLAT grows with what clients send.
 */
export const MAX_CACHED_ASTRAL = 4_096;
/** FLAT slots an uncached astral entry is written to: the longest entry the 3-bit length field holds. */
const ASTRAL_SCRATCH_LENGTH = 7;
const astral = new Map<number, number>();
/** Where in FLAT the uncached astral entries go (reserved when first needed). */
let astralScratch = -1;

/** How many astral entries are kept (at most MAX_CACHED_ASTRAL). */
export function cachedAstralEntries(): number {
  return astral.size;
}

/**
 * The entry for an astral code point (e.g. mathematical bold letters), cached up to MAX_CACHED_ASTRAL.
 * An uncached one points into the scratch slots, which the next call overwrites: every caller reads an
 * entry's key characters before it asks for another.
 */
export function codePointEntry(cp: number): number {
  const cached = astral.get(cp);
  if (cached !== undefined) return cached;
  const chars = keyCharsOf(String.fromCodePoint(cp));
  if (chars === null) return cacheAstral(cp, SEP);
  if (astral.size < MAX_CACHED_ASTRAL) {
    const v = (flatLength << 3) | chars.length;
    // By UTF-16 unit, as the length counts them: an astral letter keys as itself, a surrogate pair.
    for (let k = 0; k < chars.length; k++) pushFlat(chars.charCodeAt(k));
    return cacheAstral(cp, v);
  }
  if (astralScratch < 0) {
    astralScratch = flatLength;
    for (let k = 0; k < ASTRAL_SCRATCH_LENGTH; k++) pushFlat(0);
  }
  for (let k = 0; k < chars.length; k++) FLAT[astralScratch + k] = chars.charCodeAt(k);
  return (astralScratch << 3) | chars.length;
}

function cacheAstral(cp: number, v: number): number {
  if (astral.size < MAX_CACHED_ASTRAL) astral.set(cp, v);
  return v;
}

for (let c = 0; c < ASCII_END; c++) entryOf(c);

/** Hash of a key string, identical to the scanner's running hash over the same emitted characters. */
export function hashKey(key: string): number {
  let h = H0;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), FNV_PRIME);
  return h === 0 ? 1 : h;
}

export function isCyrillicCode(c: number): boolean {
  return c >= CYRILLIC_FIRST && c < CYRILLIC_END;
}

/** Whether any character of `s` is Cyrillic. */
export function isCyrillicText(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (isCyrillicCode(s.charCodeAt(i))) return true;
  return false;
}

/**
 * Writes the key characters of text[start, end) to out from index 0, applying the context rules;
 * returns how many. Written by index, never by emptying `out` first: an array emptied by its length
 * gives up its storage, and keyOf's one array would be grown again for every word.
 */
function emitKeyCodes(text: string, start: number, end: number, out: number[]): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    let v: number;
    if (c >= HIGH_SURROGATE && c < LOW_SURROGATE && i + 1 < end) {
      v = codePointEntry(text.codePointAt(i)!);
      i++;
    } else v = entryOf(c);
    if (v < 0) continue;
    for (let k = v >> 3, to = (v >> 3) + (v & 7); k < to; k++) {
      const code = FLAT[k]!;
      const last = n > 0 ? out[n - 1] : 0;
      if (code === I && last === I) continue;
      if (code === E && n === 1 && last === I) {
        out[0] = E;
        continue;
      }
      out[n++] = code;
    }
  }
  return n;
}

/**
 * Whether text[start, end) has exactly the key `key`, without allocating. A character that emits one
 * key character (nearly every letter) is read from SINGLE, as the scanner reads it: one table read.
 */
export function keyEquals(text: string, start: number, end: number, key: string): boolean {
  let n = 0;
  let last = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    // The character's key characters: `code`, then FLAT[k, to) (empty for a single one).
    let code = SINGLE[c]!;
    let k = 0;
    let to = 0;
    if (code === 0) {
      let v = TABLE[c]!;
      if (c >= HIGH_SURROGATE && c < LOW_SURROGATE && i + 1 < end) {
        v = codePointEntry(text.codePointAt(i)!);
        i++;
      } else if (v === UNKNOWN) v = entryOf(c);
      if (v <= 0 || (v & 7) === 0) continue; // a separator, or a silent character
      k = v >> 3;
      to = k + (v & 7);
      code = FLAT[k++]!;
    }
    for (;;) {
      if (code === E && n === 1 && last === I) {
        if (key.charCodeAt(0) !== E) return false;
        last = E;
      } else if (code !== I || last !== I) {
        if (key.charCodeAt(n) !== code) return false;
        n++;
        last = code;
      }
      if (k === to) break;
      code = FLAT[k++]!;
    }
  }
  return n === key.length;
}

/** The set of keys in a whitespace-separated list of keys (text/word-list-keys.generated.ts). */
export function keySet(keys: string): Set<string> {
  return new Set(keys.split(/\s+/).filter(Boolean));
}

/** The key of one word (text[start, end) must be a single token). */
export function keyOf(text: string, start = 0, end = text.length): string {
  // A shorter length keeps the storage (it is given up only when far smaller than the longest word so far).
  const n = emitKeyCodes(text, start, end, scratch);
  scratch.length = n;
  if (n <= MAX_CODES_PER_CALL) return String.fromCharCode.apply(null, scratch);
  // A word this long (a pasted blob with no separator) would overflow the stack as one call's arguments.
  let key = '';
  for (let i = 0; i < n; i += MAX_CODES_PER_CALL) key += String.fromCharCode.apply(null, scratch.slice(i, i + MAX_CODES_PER_CALL));
  return key;
}

/** Codes turned into a string per call: each is an argument on the stack, and a body may hold a 1 MiB word. */
const MAX_CODES_PER_CALL = 8_192;

/** Where keyOf builds a key (synchronously, then reads it out): one array for every word, not one each. */
const scratch: number[] = [];

export interface Token {
  start: number;
  end: number;
  key: string;
  cyrillic: boolean;
}

/** Splits text into word tokens with their keys (for building matchers; the hot path is scan.ts). */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  forEachToken(text, (start, end, key, cyrillic) => tokens.push({ start, end, key, cyrillic }));
  return tokens;
}

/**
 * The tokens of `tokenize`, in order, handed to `visit` one by one instead of collected: story
 * clustering reads every article's tokens once, and an object per token was a third of the garbage
 * of its features.
 */
export function forEachToken(text: string, visit: (start: number, end: number, key: string, cyrillic: boolean) => void): void {
  let start = -1;
  let cyrillic = false;
  const close = (end: number) => {
    const key = keyOf(text, start, end);
    if (key.length > 0) visit(start, end, key, cyrillic);
    start = -1;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const astralCp = c >= HIGH_SURROGATE && c < LOW_SURROGATE && i + 1 < text.length;
    const v = astralCp ? codePointEntry(text.codePointAt(i)!) : entryOf(c);
    if (v === SEP) {
      if (start >= 0) close(i);
    } else {
      if (start < 0) {
        start = i;
        cyrillic = false;
      }
      if (isCyrillicCode(c)) cyrillic = true;
    }
    if (astralCp) i++;
  }
  if (start >= 0) close(text.length);
}
