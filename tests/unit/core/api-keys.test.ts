import { describe, expect, it } from 'vitest';
import { hashKey, keyIdOf, keyMatches, mintKey } from '../../../functions/core/api-keys';

describe('api keys', () => {
  it('mints keys of the form nw_<keyId>_<secret> whose id can be read back', () => {
    const minted = mintKey();
    expect(minted.key).toMatch(/^nw_[a-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
    expect(keyIdOf(minted.key)).toBe(minted.keyId);
  });

  it('never mints the same key twice', () => {
    expect(mintKey().key).not.toBe(mintKey().key);
  });

  it('matches only the exact key against the stored hash', () => {
    const { key, hash } = mintKey();
    expect(keyMatches(key, hash)).toBe(true);
    expect(keyMatches(`${key.slice(0, -1)}x`, hash)).toBe(false);
    expect(keyMatches(key, 'abcd')).toBe(false);
  });

  it('gives operator-chosen keys of any length a hash-derived id and refuses empty, overlong or malformed minted ones', () => {
    expect(keyIdOf('a-local-key-of-some-length')).toBe(`h${hashKey('a-local-key-of-some-length').slice(0, 11)}`);
    expect(keyIdOf('short')).toBe(`h${hashKey('short').slice(0, 11)}`);
    expect(keyIdOf('')).toBeUndefined();
    expect(keyIdOf('k'.repeat(257))).toBeUndefined();
    expect(keyIdOf('nw_bad_format')).toBeUndefined();
  });

  it('refuses an operator-chosen key no HTTP client can send as it is: spaces at either end (trimmed from the header) or a character outside printable ASCII', () => {
    for (const unsendable of [' padded-local-key', 'padded-local-key ', '   ', 'tab\tkey', 'line\nbreak', 'ключ-локальный-длинный']) {
      expect(keyIdOf(unsendable), JSON.stringify(unsendable)).toBeUndefined();
    }
    expect(keyIdOf('a key with inner spaces')).toBe(`h${hashKey('a key with inner spaces').slice(0, 11)}`);
    expect(keyIdOf('~!@#$%^&*()_+{}|')).toBeDefined();
  });
});
