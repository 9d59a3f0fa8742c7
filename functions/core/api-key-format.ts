// Key format, minting and hashing: plain functions shared by the authorizer, the API and the CLI.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** The scopes a key can hold (functions/core/routes.ts says which route needs which). */
export const API_KEY_SCOPES = ['ingest', 'read', 'admin'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** What every minted key starts with; a key an operator chooses may not. */
export const MINTED_KEY_PREFIX = 'nw_';
/** `nw_<keyId>_<secret>`: the key id finds the record, the whole key is checked against its hash. */
const KEY_ID = '[a-z0-9]{12}';
const KEY_FORMAT = new RegExp(`^nw_(${KEY_ID})_([A-Za-z0-9_-]{43})$`);
const KEY_ID_ALONE = new RegExp(`^${KEY_ID}$`);

/** Whether `text` is a key id as keyIdOf gives it (and `keys list` shows it): 12 lowercase letters and digits. */
export const isKeyId = (text: string): boolean => KEY_ID_ALONE.test(text);
const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

export interface MintedKey {
  keyId: string;
  /** The clear key: shown to the operator once, never stored. */
  key: string;
  hash: string;
}

/** A new random key. `random` is injectable so tests can be deterministic. */
export function mintKey(random: (size: number) => Buffer = randomBytes): MintedKey {
  const keyId = [...random(12)].map((b) => ID_ALPHABET[b % ID_ALPHABET.length]).join('');
  const key = `nw_${keyId}_${random(32).toString('base64url')}`;
  return { keyId, key, hash: hashKey(key) };
}

/**
 * A key an operator chose themselves (the local runtime's NEWSWATCH_API_KEY, the only such key) shorter
 * than this is easy to guess. It is still taken, since the contract says the local key is whatever that
 * variable holds and the local API listens on 127.0.0.1 only; the runtime warns at start.
 */
export const SHORT_CUSTOM_KEY_LENGTH = 16;
const MAX_KEY_LENGTH = 256;
/**
 * What an operator-chosen key may hold: printable ASCII, spaces only inside. An HTTP client trims a
 * header's outer spaces and cannot send (fetch) or sends as other bytes (curl) anything past ASCII, so a
 * key outside this could be registered yet never presented as it is.
 */
const SENDABLE_KEY = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;

/**
 * The record id of a key: the id embedded in a minted key, or for an operator-chosen key a hash-derived
 * id (prefix `h`, never produced by mintKey). Undefined for keys that cannot be valid, refused before any lookup.
 */
export function keyIdOf(key: string): string | undefined {
  const minted = KEY_FORMAT.exec(key)?.[1];
  if (minted) return minted;
  if (key.length > MAX_KEY_LENGTH || key.startsWith('nw_') || !SENDABLE_KEY.test(key)) return undefined;
  return `h${hashKey(key).slice(0, 11)}`;
}

export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Compares the presented key's hash with the stored one in constant time. */
export function keyMatches(key: string, storedHash: string): boolean {
  const presented = Buffer.from(hashKey(key), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
