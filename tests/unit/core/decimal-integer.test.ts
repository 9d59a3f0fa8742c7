import { describe, expect, it } from 'vitest';
import { decimalInteger, wholeNumberBetween, wholeNumberSetting } from '../../../functions/core/text/decimal-integer';

describe('decimalInteger', () => {
  it.each([
    ['7', 7],
    [' 12\n', 12],
    ['007', 7],
    ['65535', 65535],
  ])('reads %j as %d', (text, expected) => {
    expect(decimalInteger(text)).toBe(expected);
  });

  it.each(['', ' ', '0x10', '1e1', '0b1', '0o7', '7.0', '-1', '+1', '1 2', '٣'])('is NaN for %j, which is not decimal digits', (text) => {
    expect(decimalInteger(text)).toBeNaN();
  });

  it('takes at most maxDigits digits, leading zeros included', () => {
    expect(decimalInteger('99', 2)).toBe(99);
    expect(decimalInteger(' 07 ', 2)).toBe(7);
    expect(decimalInteger('007', 2)).toBeNaN();
    expect(decimalInteger('100', 2)).toBeNaN();
  });
});

describe('wholeNumberBetween', () => {
  it('reads decimal digits within the range, and nothing else', () => {
    expect(wholeNumberBetween(' 64 ', 1, 64)).toBe(64);
    for (const text of ['0', '65', '0x10', '1e1', '8.0', '', '9'.repeat(20)]) expect(wholeNumberBetween(text, 1, 64), text).toBeUndefined();
  });
});

describe('wholeNumberSetting', () => {
  it('gives the default for an unset or empty variable, and the number for decimal digits', () => {
    expect(wholeNumberSetting('SOME_SECONDS', undefined, 30, 0, 60)).toBe(30);
    expect(wholeNumberSetting('SOME_SECONDS', ' ', 30, 0, 60)).toBe(30);
    expect(wholeNumberSetting('SOME_SECONDS', '0', 30, 0, 60)).toBe(0);
  });

  it.each(['0x10', '1e1', '2.5', '-1', '61', 'ten'])('refuses %j, naming the variable, the form it takes and the value', (value) => {
    expect(() => wholeNumberSetting('SOME_SECONDS', value, 30, 0, 60)).toThrow(
      `SOME_SECONDS must be a whole number from 0 to 60, in decimal digits, not "${value}"`,
    );
  });
});
