import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerTag } from '../../../functions/cli/commands/tag';
import { matcherKey, readMatcher, readMatcherPayload, writeMatcher, type MatcherCache } from '../../../functions/cli/support/matcher-cache';
import { loadTagger } from '../../../functions/cli/support/tag-matcher';
import { spawnTagWorker } from '../../../functions/cli/support/tag-spawn';
import { defaultThreads, tagWorkersWanted, threadsFor } from '../../../functions/cli/support/thread-count';
import { buildTaggerSnapshot, taggerFromSnapshot } from '../../../functions/core/tagger';
import { failingTagThread, fakeTagThread } from '../../support/fake-tag-thread';
import { runTagCaptured } from '../../support/run-tag';

const dir = mkdtempSync(join(tmpdir(), 'newswatch-tag-early-'));

/** A tagging thread that answers every batch with the setup it was sent: whether it writes the cache, and the cache key and bytes it was handed. */
const setupReporter = fakeTagThread(dir, 'setup-reporter.mjs', [
  'const { setup } = workerData.newswatchTagWorker;',
  "setup.once('message', (s) => {",
  '  setup.close();',
  "  parentPort.postMessage({ kind: 'ready' });",
  '  const { key = null, payload } = s.lookup ?? {};',
  "  const said = JSON.stringify({ writesCache: s.writesCache, key, payload: payload ? Buffer.from(payload).toString('base64') : null });",
  "  parentPort.on('message', ({ seq }) => parentPort.postMessage({ kind: 'done', seq, out: said + '\\n' }));",
  '});',
]);
/** A tagging thread that cannot load its matcher: a run that uses it instead of the early one exits 2. */
const failing = failingTagThread(dir, 'not the early thread');

const input = join(dir, 'one.jsonl');
writeFileSync(input, `${JSON.stringify({ body: 'Paul Whelan' })}\n`);
const watchlistFile = join(dir, 'griner.json');
writeFileSync(watchlistFile, JSON.stringify({ people: [{ id: 'brittney-griner', name: 'Brittney Griner' }], topics: [] }));
const whelan = { people: [{ id: 'paul-whelan', name: 'Paul Whelan' }], topics: [] };

let caches = 0;
function cacheHoldingWhelanAsGriner(): MatcherCache {
  const cache = { dir: join(dir, `cache-${caches++}`), fingerprint: 'code-v1' };
  mkdirSync(cache.dir, { mode: 0o700 });
  writeMatcher(cache, matcherKey(readFileSync(watchlistFile), cache), buildTaggerSnapshot(whelan));
  return cache;
}

describe('tagging threads started before the options are parsed', () => {
  it('are guessed from the raw arguments: only for --jsonl, one fewer than --threads, none for a value the command refuses', () => {
    expect(tagWorkersWanted(['--threads', '3', 'in.jsonl'])).toBe(0);
    expect(tagWorkersWanted(['--jsonl', '--threads', '3'])).toBe(2);
    expect(tagWorkersWanted(['--threads=2', '--jsonl'])).toBe(1);
    // Decimal digits only, as --threads itself takes them: no thread is started early for 0x2 or 2e0.
    expect(tagWorkersWanted(['--jsonl', '--threads', '0x2'])).toBe(0);
    expect(tagWorkersWanted(['--jsonl', '--threads=2e0'])).toBe(0);
    expect(tagWorkersWanted(['--jsonl', '--threads', '1'])).toBe(0);
    expect(tagWorkersWanted(['--jsonl', '--threads', '9'])).toBe(0);
    expect(tagWorkersWanted(['--jsonl', '--threads', 'two'])).toBe(0);
  });

  it('default to one thread per idle core, but to one alone while fewer than three cores are idle', () => {
    expect(threadsFor(2, 0)).toBe(1);
    expect(threadsFor(2, 0.4)).toBe(1);
    expect(threadsFor(4, 2)).toBe(1);
    expect(threadsFor(4, 0.6)).toBe(3);
    expect(threadsFor(3, 0)).toBe(3);
    expect(threadsFor(16, 1)).toBe(4);
    expect(threadsFor(2, 9)).toBe(1);
  });

  it('are described in --help as the default picks them: one alone while fewer than three cores are idle', () => {
    const program = new Command('newswatch');
    registerTag(program);
    const help = program.commands
      .find((command) => command.name() === 'tag')!
      .helpInformation()
      .replace(/\s+/g, ' ');

    expect(help).toContain(
      '(default: one per idle CPU core, at most 4, but 1 while fewer than 3 cores are idle; 1: all on the main thread)',
    );
  });

  it('are one fewer than the default threads for --jsonl alone', () => {
    // The default reads the load average, which can change between two calls: the guess must be the
    // default as read just before or just after it.
    const before = defaultThreads() - 1;
    const wanted = tagWorkersWanted(['--jsonl']);
    const after = defaultThreads() - 1;

    expect([before, after]).toContain(wanted);
  });

  it('are the ones the run tags on, instead of new ones', async () => {
    const early = [spawnTagWorker(setupReporter)];

    const { code, stdout, stderr } = await runTagCaptured(
      [input],
      { jsonl: true, threads: 2, cache: false },
      { workerEntry: failing, early },
    );

    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ writesCache: true, key: null, payload: null });
  });

  it.each([
    ['the run tags on one thread', { jsonl: true, threads: 1 }],
    ['the input is not JSON Lines', { jsonl: false, threads: 2 }],
    ['the watchlist file cannot be read', { jsonl: true, threads: 2, watchlist: join(dir, 'missing.json') }],
  ])('are ended when %s', async (_, opts) => {
    const early = [spawnTagWorker(setupReporter)];
    const ended = once(early[0]!.worker, 'exit');

    await runTagCaptured([input], { cache: false, ...opts }, { workerEntry: failing, early });

    await expect(ended).resolves.toBeDefined();
  });
});

describe('the matcher cache entry on threads', () => {
  const keyOf = (cache: MatcherCache) => matcherKey(readFileSync(watchlistFile), cache);
  const onThreads = (cache: MatcherCache) =>
    runTagCaptured([input], { jsonl: true, threads: 2, watchlist: watchlistFile }, { workerEntry: setupReporter, cache });

  it('is read and checked by the main thread and handed with its key to the thread that tags, which then need not read it', async () => {
    const cache = cacheHoldingWhelanAsGriner();
    const expected = readMatcherPayload(cache, keyOf(cache))!;

    const { code, stdout } = await onThreads(cache);

    expect(code).toBe(0);
    const handed = JSON.parse(stdout);
    expect(handed.key).toBe(keyOf(cache));
    expect(Buffer.from(handed.payload, 'base64').equals(Buffer.from(expected))).toBe(true);
  });

  it('is looked up once when missing: the thread is handed the key and told there is no entry', async () => {
    const cache = { dir: join(dir, `cache-${caches++}`), fingerprint: 'code-v1' };
    mkdirSync(cache.dir, { mode: 0o700 });

    const { code, stdout } = await onThreads(cache);

    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ writesCache: true, key: keyOf(cache), payload: null });
  });

  it('restores the tagger from the handed bytes even when the entry is gone from the folder', () => {
    const cache = cacheHoldingWhelanAsGriner();
    const bytes = readFileSync(watchlistFile);
    const key = keyOf(cache);
    const payload = readMatcherPayload(cache, key)!;
    rmSync(cache.dir, { recursive: true });
    mkdirSync(cache.dir, { mode: 0o700 });

    const tagger = loadTagger({ watchlist: { file: watchlistFile, bytes }, cache: { ...cache, readOnly: true } }, { key, payload });

    expect(tagger.tag({ body: 'Paul Whelan and Brittney Griner' }).people.map((p) => p.id)).toEqual(['paul-whelan']);
  });

  it('is neither hashed nor read again by a thread told it is missing: it builds, and keeps the matcher under the key handed', () => {
    // The folder holds an entry under that key after all (written meanwhile): a thread that read it would tag Paul Whelan.
    const cache = cacheHoldingWhelanAsGriner();
    const handedKey = 'f'.repeat(64);
    writeMatcher(cache, handedKey, buildTaggerSnapshot(whelan));
    const both = { body: 'Paul Whelan and Brittney Griner' };

    const tagger = loadTagger({ watchlist: { file: watchlistFile, bytes: readFileSync(watchlistFile) }, cache }, { key: handedKey });

    expect(tagger.tag(both).people.map((p) => p.id)).toEqual(['brittney-griner']);
    expect(
      taggerFromSnapshot(readMatcher(cache, handedKey)!)
        .tag(both)
        .people.map((p) => p.id),
    ).toEqual(['brittney-griner']);
  });
});
