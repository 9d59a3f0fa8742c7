import { describe, expect, it } from 'vitest';
import {
  cachedAstralEntries,
  FLAT,
  keyCharsByProperties,
  keyCharsOf,
  keyEquals,
  keyOf,
  MAX_CACHED_ASTRAL,
  tokenize,
} from '../../../functions/core/text/word-keys';

const BMP_END = 0x10000;
/** Astral letters, digits, marks and symbols: mathematical bold A, a Gothic letter, an emoji, a tag character. */
const ASTRAL = [0x1d400, 0x10330, 0x1d7ce, 0x1f600, 0xe0041, 0x1e900];

describe('word keys without the Unicode property regexes', () => {
  it('give every UTF-16 code unit the key characters its Unicode properties define', () => {
    const differing: string[] = [];
    for (let code = 0; code < BMP_END; code++) {
      const ch = String.fromCharCode(code);
      if (keyCharsOf(ch) !== keyCharsByProperties(ch)) differing.push(code.toString(16));
    }
    expect(differing).toEqual([]);
  });

  it('give astral code points the key characters their Unicode properties define', () => {
    for (const cp of ASTRAL) expect(keyCharsOf(String.fromCodePoint(cp))).toBe(keyCharsByProperties(String.fromCodePoint(cp)));
  });

  it('key ASCII letters folded, digits as themselves and punctuation as separators', () => {
    expect(['Q', 'w', 'X', '7', 'é', 'Щ', '-', ' '].map(keyCharsOf)).toEqual(['k', 'v', 'ks', '7', 'e', 'shkh', null, null]);
  });
});

/** CJK Unified Ideographs Extension B: tens of thousands of astral letters, each its own key character. */
const CJK_B_FIRST = 0x20000;

describe('the astral code point cache', () => {
  it('keys an astral letter as itself (both halves of its surrogate pair), whatever was keyed before', () => {
    const letter = String.fromCodePoint(0x2a6d6); // a CJK Extension B ideograph
    expect(keyOf(letter)).toBe(letter);
    expect(keyOf(`Viktor${letter}`)).toBe(`viktor${letter}`);
  });

  it('keeps at most MAX_CACHED_ASTRAL entries and FLAT stops growing, while every key stays the same', () => {
    // Past the cap, enough new code points to double FLAT had each one kept its key characters there.
    const distinct = MAX_CACHED_ASTRAL * 6;
    const wrong: string[] = [];
    let flatAtCap = 0;
    for (let cp = CJK_B_FIRST; cp < CJK_B_FIRST + distinct; cp++) {
      const ch = String.fromCodePoint(cp);
      if (keyOf(`x${ch}`) !== `ks${keyCharsByProperties(ch)}`) wrong.push(cp.toString(16));
      if (cp === CJK_B_FIRST + MAX_CACHED_ASTRAL * 2) flatAtCap = FLAT.length;
    }
    const bold = '\u{1d412}\u{1d41e}\u{1d42b}\u{1d420}\u{1d41e}\u{1d432}'; // mathematical bold "Sergey", none cached

    expect(wrong).toEqual([]);
    expect(cachedAstralEntries()).toBe(MAX_CACHED_ASTRAL);
    expect(FLAT.length).toBe(flatAtCap);
    expect(keyOf(bold)).toBe('sergei');
    expect(keyEquals(bold, 0, bold.length, 'sergei')).toBe(true);
    expect(tokenize(`${bold} \u{1d7ce}\u{1f600}x`).map((t) => t.key)).toEqual(['sergei', '0', 'ks']);
  });
});
