import { describe, expect, it } from 'vitest';
import { hasNoUnsafeCharacters, pathIdProblem } from '../../../functions/core/path-ids';
import { isHighSurrogate, isLowSurrogate } from '../../../functions/core/text/char-codes';

const unit = (s: string) => s.charCodeAt(0);

describe('surrogate code units (text/char-codes.ts)', () => {
  it('tells the two halves of a pair apart, up to the edges of each range', () => {
    const [high, low] = ['😀'.charCodeAt(0), '😀'.charCodeAt(1)];
    expect([high, unit('\ud800'), unit('\udbff')].map(isHighSurrogate)).toEqual([true, true, true]);
    expect([low, unit('\udc00'), unit('\udfff')].map(isLowSurrogate)).toEqual([true, true, true]);
    expect([low, unit('\ud7ff'), unit('\ue000')].map(isHighSurrogate)).toEqual([false, false, false]);
    expect([high, unit('\udbff'), unit('\ue000')].map(isLowSurrogate)).toEqual([false, false, false]);
  });
});

describe('hasNoUnsafeCharacters: the ids the API accepts', () => {
  it.each([
    ['an astral character (a whole pair)', 'a😀b', true],
    ['the last pair', '\udbff\udfff', true],
    ['the units either side of the surrogates', '\ud7ff\ue000', true],
    ['a high surrogate at the end', 'ab\ud83d', false],
    ['a high surrogate before another high one', '\ud83d\ud83d\ude00', false],
    ['a low surrogate alone', 'a\ude00b', false],
    ['the last low surrogate alone', '\udfff', false],
  ])('%s', (_, id, safe) => {
    expect(hasNoUnsafeCharacters(id)).toBe(safe);
  });
});

describe('the 400 for an id with a lone surrogate', () => {
  it.each([
    ['GET /articles/{id}', 'a\ude00b'],
    ['GET /stories/{id}/anything', 'ab\ud83d'],
  ])('%s says what is wrong with it, not that it holds a control character', (route, id) => {
    expect(pathIdProblem(route, id)).toBe('must not contain control characters or lone surrogates');
  });
});
