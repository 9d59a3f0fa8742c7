import { createHash } from 'node:crypto';
import {
  closeSync,
  constants,
  fstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import * as z from '../../core/zod';
import type { TaggerSnapshot } from '../../core/tagger';
import { TaggerSnapshotShape } from '../../core/tagger/snapshot-shape';
import { aligned, decodeAligned, encodeAligned } from './aligned-snapshot';

/**
 * `newswatch tag --watchlist FILE` keeps the matcher it compiled for FILE on disk, one file per
 * watchlist version, so a run with an unchanged watchlist restores it instead of building it again
 * (docs/tagging.md, "Matcher cache"). The key is a hash of the watchlist file's bytes and of the
 * running code (`fingerprint`: a new tagger version never reads an old matcher). A file is a JSON
 * header line, padded to a multiple of 8 bytes, then the snapshot as written by encodeAligned (v8's
 * serializer, its typed arrays aligned after the stream so they are read back without a copy); it is used
 * only if the header parses, names this key, and the payload has the length and CRC-32 the header gives,
 * and then only if the snapshot has the tagger's shape. Anything else counts as absent: it is deleted and
 * built again. The CRC finds damage; it need not resist forgery, since only the user can write the folder
 * and the entry (folderIsPrivate, readOwnFile), and it costs a fifth to a sixth of a SHA-256 over 5 MB.
 */
export interface MatcherCache {
  dir: string;
  /** Identifies the code that compiles matchers (a hash of the CLI bundle). */
  fingerprint: string;
  /** Read entries but write none (all but one of several threads loading the same watchlist). */
  readOnly?: boolean;
}

/** At most this many matchers are kept (the least recently used go first): a few watchlists in turn. */
export const MAX_CACHED_MATCHERS = 4;
const MAGIC = 'newswatch-matcher';
const FORMAT = 2;
const SUFFIX = '.matcher';
const NEWLINE = 10;
/** A header is one short JSON line; anything longer is not ours. */
const MAX_HEADER = 512;
/** Group and others may not write the cache folder or an entry (mode bits): nobody else may plant a matcher. */
const WRITABLE_BY_OTHERS = 0o022;
const PRIVATE_DIR = 0o700;

const Header = z.object({
  magic: z.literal(MAGIC),
  format: z.literal(FORMAT),
  key: z.string(),
  bytes: z.number().check(z.int(), z.nonnegative()),
  crc32: z.number().check(z.int(), z.nonnegative()),
});

/**
 * The cache key of a watchlist version: its file's bytes and the code that compiles it. The bytes are hashed
 * as read: joining a watchlist's text into one string to hash it cost a run 20–50 ms at 10,000 people (a two-byte string flattened, then encoded again).
 */
export function matcherKey(watchlist: Uint8Array, cache: MatcherCache): string {
  return createHash('sha256').update(`${FORMAT}\n${cache.fingerprint}\n`).update(watchlist).digest('hex');
}

const fileOf = (cache: MatcherCache, key: string) => join(cache.dir, `${key}${SUFFIX}`);

/** The default place: a folder of the user's own under the OS temp folder (NEWSWATCH_TAG_CACHE_DIR overrides). */
export function defaultCacheDir(): string {
  return process.env.NEWSWATCH_TAG_CACHE_DIR || join(tmpdir(), `newswatch-${process.getuid?.() ?? 'user'}`, 'tag-matchers');
}

/** The cached matcher for `key`, or undefined (absent, unreadable, damaged or of another shape: a damaged file is removed). */
export function readMatcher(cache: MatcherCache, key: string): TaggerSnapshot | undefined {
  const payload = readMatcherPayload(cache, key);
  const snapshot = payload && decodeSnapshot(payload);
  if (payload && !snapshot) removeQuietly(fileOf(cache, key));
  return snapshot;
}

/**
 * The checked bytes of the cached matcher for `key` (its header names the key, its payload has the
 * length and CRC-32 the header gives), or undefined (absent, unreadable or damaged: a damaged file is
 * removed). decodeSnapshot turns them into the snapshot: the two halves can run on different threads.
 */
export function readMatcherPayload(cache: MatcherCache, key: string): Uint8Array | undefined {
  const file = fileOf(cache, key);
  let data: Buffer;
  try {
    if (!folderIsPrivate(cache.dir)) return undefined;
    const read = readOwnFile(file);
    if (!read) return undefined;
    data = read;
  } catch {
    return undefined;
  }
  const payload = checkedPayload(data, key);
  if (!payload) removeQuietly(file);
  else touch(file);
  return payload;
}

function checkedPayload(data: Buffer, key: string): Uint8Array | undefined {
  const end = data.subarray(0, MAX_HEADER).indexOf(NEWLINE);
  if (end < 0) return undefined;
  let header: z.infer<typeof Header>;
  try {
    header = Header.parse(JSON.parse(data.subarray(0, end).toString('utf8')));
  } catch {
    return undefined;
  }
  const payload = data.subarray(end + 1);
  if (header.key !== key || payload.length !== header.bytes || crc32(payload) !== header.crc32) return undefined;
  return payload;
}

/** The snapshot in a checked payload (readMatcherPayload), or undefined if it has not the tagger's shape. */
export function decodeSnapshot(payload: Uint8Array): TaggerSnapshot | undefined {
  try {
    const parsed = TaggerSnapshotShape.safeParse(decodeAligned(payload));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps the matcher for `key` (best effort: a cache that cannot be written only costs speed next time). */
export function writeMatcher(cache: MatcherCache, key: string, snapshot: TaggerSnapshot): void {
  if (cache.readOnly) return;
  // Written to a private name and renamed: a reader never sees half a file.
  const tmp = `${fileOf(cache, key)}.${process.pid}.tmp`;
  try {
    mkdirSync(cache.dir, { recursive: true, mode: PRIVATE_DIR });
    if (!folderIsPrivate(cache.dir)) return;
    const payload = encodeAligned(snapshot);
    const header = JSON.stringify({ magic: MAGIC, format: FORMAT, key, bytes: payload.length, crc32: crc32(payload) });
    // Spaces before the newline (JSON allows them) bring the payload to the codec's alignment in the file.
    const line = `${header.padEnd(aligned(header.length + 1) - 1)}\n`;
    writeFileSync(tmp, Buffer.concat([Buffer.from(line), payload]), { mode: 0o600 });
    renameSync(tmp, fileOf(cache, key));
    prune(cache.dir);
  } catch {
    // Best effort. A write cut short (a full disk) or a rename refused (a folder under the entry's name) leaves no part file behind.
    removeQuietly(tmp);
  }
}

/** Only a folder that is ours and that nobody else may write is trusted (nobody else can plant or swap a matcher in it). */
function folderIsPrivate(dir: string): boolean {
  const uid = process.getuid?.();
  if (uid === undefined) return true; // no owners to compare (Windows): the folder is under the user's own temp folder
  const stat = statSync(dir);
  return stat.isDirectory() && stat.uid === uid && (stat.mode & WRITABLE_BY_OTHERS) === 0;
}

/**
 * The file's bytes if it is a regular file of ours that nobody else may write, checked on the open file
 * (no symbolic link followed): the folder check alone can be raced when someone else owns a folder above
 * it (`/tmp/newswatch-<uid>` created first by another user), and their file is never deserialised.
 */
function readOwnFile(file: string): Buffer | undefined {
  const fd = openSync(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  try {
    const stat = fstatSync(fd);
    const uid = process.getuid?.();
    if (!stat.isFile() || (uid !== undefined && (stat.uid !== uid || (stat.mode & WRITABLE_BY_OTHERS) !== 0))) return undefined;
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Removes the least recently used matchers beyond MAX_CACHED_MATCHERS. */
function prune(dir: string): void {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith(SUFFIX))
    .map((name) => ({ path: join(dir, name), used: statSync(join(dir, name)).mtimeMs }))
    .sort((a, b) => b.used - a.used);
  for (const old of files.slice(MAX_CACHED_MATCHERS)) removeQuietly(old.path);
}

function touch(file: string): void {
  try {
    const now = new Date();
    utimesSync(file, now, now);
  } catch {
    // only the eviction order suffers
  }
}

function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // already gone
  }
}
