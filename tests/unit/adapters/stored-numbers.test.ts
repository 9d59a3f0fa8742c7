import { describe, expect, it } from 'vitest';
import { callsNumberReader, readStoredNumber, storedNumberOptions } from '../../../functions/adapters/stored-numbers';

describe('stored numbers', () => {
  it('reads a number within ±2^53 as itself, fractions included', () => {
    expect([readStoredNumber('9007199254740991'), readStoredNumber('-9007199254740991'), readStoredNumber('1.5')]).toEqual([
      Number.MAX_SAFE_INTEGER,
      Number.MIN_SAFE_INTEGER,
      1.5,
    ]);
  });

  it('reads a number past ±2^53, with or without a fraction, as NaN', () => {
    expect([readStoredNumber('9007199254740993'), readStoredNumber('-1e30'), readStoredNumber('100000000000000000000.5')]).toEqual([
      Number.NaN,
      Number.NaN,
      Number.NaN,
    ]);
  });

  it('hands the reader to the installed SDK, which calls it', () => {
    expect(callsNumberReader()).toBe(true);
    expect(storedNumberOptions().wrapNumbers).toBe(readStoredNumber);
  });

  it('tells an SDK that takes the reader for `true` and wraps every number (releases before November 2024)', () => {
    const older = (item: Record<string, { N: string }>, options: { wrapNumbers?: unknown }) =>
      Object.fromEntries(Object.entries(item).map(([key, value]) => [key, options.wrapNumbers ? { value: value.N } : Number(value.N)]));

    expect(callsNumberReader(older)).toBe(false);
  });

  it('gives each client an object of its own (the document client writes its defaults into it)', () => {
    expect(storedNumberOptions()).not.toBe(storedNumberOptions());
  });
});
