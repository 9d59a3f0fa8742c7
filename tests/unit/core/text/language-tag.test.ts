import { describe, expect, it } from 'vitest';
import { canonicalLanguage } from '../../../../functions/core/text/language-tag';

describe('canonicalLanguage', () => {
  it('writes a well-formed tag in the conventional case of each of its parts', () => {
    expect(canonicalLanguage('EN')).toBe('en');
    expect(canonicalLanguage('en-gb')).toBe('en-GB');
    expect(canonicalLanguage('RU-ru')).toBe('ru-RU');
    expect(canonicalLanguage('zh-hant-tw')).toBe('zh-Hant-TW');
    expect(canonicalLanguage('English')).toBe('english');
  });

  it('keeps a value that is not a language tag as the client sent it', () => {
    expect(canonicalLanguage('en_US')).toBe('en_US');
    expect(canonicalLanguage('en-')).toBe('en-');
  });
});
