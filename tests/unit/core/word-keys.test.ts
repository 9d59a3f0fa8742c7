import { describe, expect, it } from 'vitest';
import { keyCharsByProperties, keyCharsOf } from '../../../functions/core/text/word-keys';

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
