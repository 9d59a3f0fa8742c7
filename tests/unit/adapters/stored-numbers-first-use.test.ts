import type * as UtilDynamodb from '@aws-sdk/util-dynamodb';
import { describe, expect, it, vi } from 'vitest';

// Counts the SDK's unmarshall calls, passing each through: the check of the SDK is one such call.
const calls = vi.hoisted(() => ({ unmarshall: 0 }));
vi.mock('@aws-sdk/util-dynamodb', async (importOriginal) => {
  const sdk = await importOriginal<typeof UtilDynamodb>();
  const unmarshall: typeof sdk.unmarshall = (...args) => {
    calls.unmarshall++;
    return sdk.unmarshall(...args);
  };
  return { ...sdk, unmarshall };
});

const { readStoredNumber, storedNumberOptions } = await import('../../../functions/adapters/stored-numbers');
const { unmarshall } = await import('@aws-sdk/util-dynamodb');

describe('stored numbers: the SDK check', () => {
  it('runs when the first number is read, not when the module loads or a client takes its options', () => {
    const options = [storedNumberOptions(), storedNumberOptions()];
    expect(calls.unmarshall).toBe(0);

    const item = unmarshall({ big: { N: '9007199254740993' }, small: { N: '7' } }, options[0]);

    expect(item).toEqual({ big: Number.NaN, small: 7 });
    expect(options[1]!.wrapNumbers).toBe(readStoredNumber);
    // The item read, and the check once (its own unmarshall of one number), whatever reads follow.
    expect(calls.unmarshall).toBe(2);
  });
});
