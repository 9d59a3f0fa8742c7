import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STOP_WORDS, STOP_WORD_LISTS } from '../../../functions/core/stories/stop-words';
import { COMMON_SURNAMES, COMMON_WORDS, COMMON_WORD_LISTS, GIVEN_NAMES, TITLE_WORDS } from '../../../functions/core/tagger/common-words';
import { RUSSIAN_WORD_LIST, isRussianWord } from '../../../functions/core/tagger/russian-words';
import { keyOf } from '../../../functions/core/text/word-keys';
import { wordListKeysModule } from '../../../functions/core/text/word-list-keys';

const GENERATED = join(__dirname, '../../../functions/core/text/word-list-keys.generated.ts');

/** What the modules computed at import before the keys were generated: every listed word through keyOf. */
const keyedAtRuntime = (...lists: string[]) =>
  new Set(
    lists.flatMap((list) =>
      list
        .split(/\s+/)
        .filter(Boolean)
        .map((w) => keyOf(w)),
    ),
  );

describe('precomputed word-list keys', () => {
  it('the committed generated file is exactly what the word lists and keyOf give now (run npm run generate:word-keys)', () => {
    expect(readFileSync(GENERATED, 'utf8')).toBe(wordListKeysModule());
  });

  it('every key set equals keying each listed word at runtime, in the same order', () => {
    const cases: [ReadonlySet<string>, Set<string>][] = [
      [COMMON_WORDS, keyedAtRuntime(COMMON_WORD_LISTS.english)],
      [GIVEN_NAMES, keyedAtRuntime(COMMON_WORD_LISTS.given)],
      [COMMON_SURNAMES, keyedAtRuntime(COMMON_WORD_LISTS.surnames)],
      [TITLE_WORDS, keyedAtRuntime(COMMON_WORD_LISTS.titles)],
      [STOP_WORDS, keyedAtRuntime(STOP_WORD_LISTS.english, STOP_WORD_LISTS.russian)],
    ];
    for (const [generated, runtime] of cases) {
      expect(runtime.size).toBeGreaterThan(0);
      expect([...generated]).toEqual([...runtime]);
    }
  });

  it('Russian words keep matching in any script and case, inflected too', () => {
    expect(RUSSIAN_WORD_LIST).toContain('мост');
    expect(isRussianWord(keyOf('Мост'))).toBe(true);
    expect(isRussianWord(keyOf('Моста'))).toBe(true);
    expect(isRussianWord(keyOf('Ryabkov'))).toBe(false);
    expect(TITLE_WORDS.has(keyOf('Президент'))).toBe(true);
    expect(GIVEN_NAMES.has(keyOf('Yekaterina'))).toBe(true);
  });
});
