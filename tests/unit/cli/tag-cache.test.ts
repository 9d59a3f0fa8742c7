import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { serialize } from 'node:v8';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { runTag, type TagOptions } from '../../../functions/cli/commands/tag';
import {
  MAX_CACHED_MATCHERS,
  matcherKey,
  readMatcher,
  writeMatcher,
  type MatcherCache,
} from '../../../functions/cli/support/matcher-cache';
import { buildTaggerSnapshot } from '../../../functions/core/tagger';

const root = mkdtempSync(join(tmpdir(), 'newswatch-tag-cache-test-'));
let folders = 0;
/** A fresh private cache folder per test. */
function freshCache(fingerprint = 'code-v1'): MatcherCache {
  const dir = join(root, `cache-${folders++}`);
  mkdirSync(dir, { mode: 0o700 });
  return { dir, fingerprint };
}
const file = (name: string, content: string) => {
  const path = join(root, name);
  writeFileSync(path, content);
  return path;
};

const griner = { people: [{ id: 'brittney-griner', name: 'Brittney Griner' }], topics: [] };
const whelan = { people: [{ id: 'paul-whelan', name: 'Paul Whelan' }], topics: [] };
const grinerFile = file('griner.json', JSON.stringify(griner));
const article = file('both.jsonl', `${JSON.stringify({ id: 'a', body: 'Brittney Griner and Paul Whelan.' })}\n`);

async function peopleFound(cache: MatcherCache, opts: TagOptions = {}): Promise<string[]> {
  const out = new PassThrough();
  let stdout = '';
  out.on('data', (d) => (stdout += d));
  const code = await runTag([article], { watchlist: grinerFile, jsonl: true, ...opts }, out, new PassThrough(), { cache });
  expect(code).toBe(0);
  return JSON.parse(stdout).people.map((p: { id: string }) => p.id);
}

/** Puts another watchlist's matcher under the griner file's key: a run that finds Whelan read the cache instead of building. */
function plantWhelanAsGriner(cache: MatcherCache): void {
  writeMatcher(cache, matcherKey(readFileSync(grinerFile), cache), buildTaggerSnapshot(whelan));
}

/** An entry with its payload changed by `change`, under its own header given the new length and a checksum that matches again. */
function resealed(bytes: Buffer, change: (payload: Buffer) => Buffer): Buffer {
  const end = bytes.indexOf(0x0a);
  const header = JSON.parse(bytes.subarray(0, end).toString('utf8')) as Record<string, unknown>;
  const payload = change(Buffer.from(bytes.subarray(end + 1)));
  const line = JSON.stringify({ ...header, bytes: payload.length, crc32: crc32(payload) });
  return Buffer.concat([Buffer.from(`${line.padEnd(Math.ceil((line.length + 1) / 8) * 8 - 1)}\n`), payload]);
}

const entries = (cache: MatcherCache) => readdirSync(cache.dir).filter((n) => n.endsWith('.matcher'));

describe('newswatch tag keeps the compiled matcher per watchlist version', () => {
  it('writes one entry on the first run and tags the same way with it', async () => {
    const cache = freshCache();
    expect(await peopleFound(cache)).toEqual(['brittney-griner']);
    expect(entries(cache)).toHaveLength(1);
    expect(await peopleFound(cache)).toEqual(['brittney-griner']);
    expect(entries(cache)).toHaveLength(1);
  });

  it('tags with an exported watchlist that holds an entry stored before control characters were refused', async () => {
    const exported = { people: [...griner.people, { id: 'dan-obrien', name: 'Dan O\u0092Brien' }], topics: [] };
    const watchlist = file('exported.json', JSON.stringify(exported));

    expect(await peopleFound(freshCache(), { watchlist })).toEqual(['brittney-griner']);
  });

  it('puts the snapshot at an 8-byte boundary of the entry, so its tables are read without a copy', async () => {
    const cache = freshCache();
    await peopleFound(cache);
    const bytes = readFileSync(join(cache.dir, entries(cache)[0]!));
    expect((bytes.indexOf(0x0a) + 1) % 8).toBe(0);
  });

  it('restores the kept matcher instead of building one', async () => {
    const cache = freshCache();
    plantWhelanAsGriner(cache);
    expect(await peopleFound(cache)).toEqual(['paul-whelan']);
  });

  it('reads no entry written by other code or for other watchlist bytes', () => {
    const cache = freshCache();
    const bytes = readFileSync(grinerFile);
    expect(matcherKey(bytes, { ...cache, fingerprint: 'code-v2' })).not.toBe(matcherKey(bytes, cache));
    expect(matcherKey(Buffer.concat([bytes, Buffer.from(' ')]), cache)).not.toBe(matcherKey(bytes, cache));
    // The same bytes, read again, name the same entry.
    expect(matcherKey(readFileSync(grinerFile), cache)).toBe(matcherKey(bytes, cache));
  });

  it('ignores a damaged entry, builds again and replaces it', async () => {
    for (const damage of [
      (bytes: Buffer) => bytes.subarray(0, bytes.length - 10), // cut short
      (bytes: Buffer) => Buffer.concat([bytes.subarray(0, bytes.length - 1), Buffer.from([bytes[bytes.length - 1]! ^ 0xff])]), // a flipped byte
      () => Buffer.from('not a matcher at all'),
      // A checksum that matches a snapshot whose stream length runs past its end.
      (bytes: Buffer) =>
        resealed(bytes, (payload) => {
          payload.writeUInt32LE(payload.length, 0);
          return payload;
        }),
      // One whose last typed array was cut off (the checksum made to match the shorter payload).
      (bytes: Buffer) => resealed(bytes, (payload) => payload.subarray(0, payload.length - 8)),
      // The entry as the format before (1) wrote it: v8.serialize's bytes under a SHA-256.
      (bytes: Buffer) => {
        const end = bytes.indexOf(0x0a);
        const { key } = JSON.parse(bytes.subarray(0, end).toString('utf8')) as { key: string };
        const payload = serialize(buildTaggerSnapshot(whelan));
        const sha256 = createHash('sha256').update(payload).digest('hex');
        const header = JSON.stringify({ magic: 'newswatch-matcher', format: 1, key, bytes: payload.length, sha256 });
        return Buffer.concat([Buffer.from(`${header}\n`), payload]);
      },
    ]) {
      const cache = freshCache();
      plantWhelanAsGriner(cache);
      const path = join(cache.dir, entries(cache)[0]!);
      writeFileSync(path, damage(readFileSync(path)));

      expect(await peopleFound(cache)).toEqual(['brittney-griner']);
      expect(readMatcher(cache, matcherKey(readFileSync(grinerFile), cache))?.personIds).toEqual(['brittney-griner']);
    }
  });

  it('neither reads nor writes entries with --no-cache', async () => {
    const cache = freshCache();
    plantWhelanAsGriner(cache);
    expect(await peopleFound(cache, { cache: false })).toEqual(['brittney-griner']);

    const empty = freshCache();
    await peopleFound(empty, { cache: false });
    expect(entries(empty)).toHaveLength(0);
  });

  it('trusts no folder that others may write', async () => {
    const cache = freshCache();
    plantWhelanAsGriner(cache);
    chmodSync(cache.dir, 0o777);
    expect(await peopleFound(cache)).toEqual(['brittney-griner']);
  });

  it('trusts no entry that others may write, nor one reached through a symbolic link', async () => {
    const open = freshCache();
    plantWhelanAsGriner(open);
    chmodSync(join(open.dir, entries(open)[0]!), 0o666);
    expect(await peopleFound(open)).toEqual(['brittney-griner']);

    const linked = freshCache();
    const elsewhere = freshCache();
    plantWhelanAsGriner(elsewhere);
    const name = entries(elsewhere)[0]!;
    symlinkSync(join(elsewhere.dir, name), join(linked.dir, name));
    expect(await peopleFound(linked)).toEqual(['brittney-griner']);
  });

  it('leaves no part file behind when the entry cannot be put in place', async () => {
    const cache = freshCache();
    const key = matcherKey(readFileSync(grinerFile), cache);
    // A folder where the entry would go: the rename onto it is refused.
    mkdirSync(join(cache.dir, `${key}.matcher`));
    expect(await peopleFound(cache)).toEqual(['brittney-griner']);
    expect(readdirSync(cache.dir)).toEqual([`${key}.matcher`]);
  });

  it(`keeps at most ${MAX_CACHED_MATCHERS} entries`, async () => {
    const cache = freshCache();
    for (let i = 0; i < MAX_CACHED_MATCHERS + 3; i++) {
      const w = file(`w${i}.json`, JSON.stringify({ people: [{ id: `p-${i}`, name: `Person Number${i}` }] }));
      await runTag([article], { watchlist: w, jsonl: true }, new PassThrough(), new PassThrough(), { cache });
    }
    expect(entries(cache)).toHaveLength(MAX_CACHED_MATCHERS);
  });
});
