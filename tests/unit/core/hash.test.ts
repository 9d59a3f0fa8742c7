import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Hex, shardOf } from '../../../functions/core/hash';

/** The digest as a Hash object gives it: what every stored id was made with. */
const byObject = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('sha256Hex', () => {
  it('gives the digest of the text as UTF-8, as a Hash object does', () => {
    // Cyrillic, an astral character, lone surrogates (both encode as U+FFFD), the empty text, a long one.
    const texts = ['', 'url\nhttps://www.rt.com/news/', 'Виктор Бут', 'a😀b', 'a\uD800b', '\uDC00', 'x'.repeat(100_000)];
    for (const text of texts) expect(sha256Hex(text)).toBe(byObject(text));
  });

  it('keeps the ids and shards already stored', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(shardOf('abc', 16)).toBe(0xba7816bf % 16);
  });
});
