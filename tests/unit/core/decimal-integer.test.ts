import { describe, expect, it } from 'vitest';
import { decimalInteger } from '../../../functions/core/text/decimal-integer';

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
