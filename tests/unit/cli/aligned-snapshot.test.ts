import { describe, expect, it } from 'vitest';
import { decodeAligned, encodeAligned } from '../../../functions/cli/support/aligned-snapshot';

const sample = () => {
  const backing = new Int32Array([9, 1, -2, 3, 9]);
  return {
    words: ['bout', 'ярошенко'],
    table: { slots: new Int32Array([0, 7, 2 ** 31 - 1, -5]), mask: 3 },
    // Odd lengths and a view that starts inside its buffer: the next array must still land aligned.
    flags: new Uint8Array([1, 0, 1]),
    inner: backing.subarray(1, 4),
    wide: new Float64Array([0.5, -1e300]),
    clamped: new Uint8ClampedArray([255, 3]),
    byName: new Map([['a', new Uint16Array([1, 2, 3])]]),
  };
};

describe('a snapshot written with aligned typed arrays', () => {
  it('reads back equal, every typed array of its own type', () => {
    const value = sample();
    const back = decodeAligned(encodeAligned(value)) as ReturnType<typeof sample>;
    expect(back).toEqual(value);
    expect(back.clamped).toBeInstanceOf(Uint8ClampedArray);
    expect(back.inner).toEqual(new Int32Array([1, -2, 3]));
  });

  it('reads a Buffer back as a Uint8Array', () => {
    const back = decodeAligned(encodeAligned({ b: Buffer.from('abc') })) as { b: Uint8Array };
    expect(back.b.constructor).toBe(Uint8Array);
    expect([...back.b]).toEqual([97, 98, 99]);
  });

  it('gives views on the bytes read, not copies, when they start aligned', () => {
    const bytes = encodeAligned(sample());
    const back = decodeAligned(bytes) as ReturnType<typeof sample>;
    expect(back.table.slots.buffer).toBe(bytes.buffer);
    expect(back.wide.buffer).toBe(bytes.buffer);
    expect(back.table.slots.byteOffset % 8).toBe(0);
  });

  it('reads bytes that start at an unaligned offset, from a copy', () => {
    const bytes = encodeAligned(sample());
    const shifted = new Uint8Array(bytes.length + 3);
    shifted.set(bytes, 3);
    const back = decodeAligned(shifted.subarray(3)) as ReturnType<typeof sample>;
    expect(back).toEqual(sample());
    expect(back.table.slots.buffer).not.toBe(shifted.buffer);
  });

  it('refuses bytes cut short, with bytes added, or naming an array past the end', () => {
    const bytes = encodeAligned(sample());
    expect(() => decodeAligned(bytes.subarray(0, bytes.length - 8))).toThrow();
    expect(() => decodeAligned(Buffer.concat([bytes, Buffer.alloc(8)]))).toThrow();
    expect(() => decodeAligned(bytes.subarray(0, 4))).toThrow();
    const longStream = Buffer.from(bytes);
    longStream.writeUInt32LE(bytes.length, 0);
    expect(() => decodeAligned(longStream)).toThrow();
  });
});
