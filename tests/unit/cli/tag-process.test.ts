import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const cli = join(__dirname, '..', '..', '..', 'bin', 'newswatch-cli.mjs');
const dir = mkdtempSync(join(tmpdir(), 'newswatch-tag-process-'));
/** The matcher cache of these runs: a folder of their own, not the user's. */
const env = { ...process.env, NEWSWATCH_TAG_CACHE_DIR: join(dir, 'cache') };
const tag = (args: string[], input = '') =>
  spawnSync(process.execPath, [cli, 'tag', ...args], { input, encoding: 'utf8', env, maxBuffer: 1 << 26 });

function jsonFile(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(content));
  return path;
}

/** JSON Lines well past one batch of the tagging threads (about 256 KiB), with bad lines here and there. */
function manyArticles(): string {
  const sentences = [
    'Viktor Bout was freed in a prisoner swap.',
    'Brittney Griner returned home.',
    'Markets fell.',
    'Сергей Рябков заявил об обмене.',
  ];
  const lines: string[] = [];
  for (let i = 0; i < 4_000; i++) {
    if (i % 997 === 5) lines.push('{not json');
    else if (i % 1_499 === 7) lines.push(JSON.stringify({ id: i, body: 'the id is a number' }));
    else
      lines.push(
        JSON.stringify({ id: `a${i}`, title: sentences[i % 3], body: `${sentences[i % 4]} ${sentences[(i + 1) % 4]}`.repeat(1 + (i % 5)) }),
      );
  }
  return `${lines.join('\n')}\n`;
}

describe('newswatch tag as a process', () => {
  // /dev/full: every write fails with ENOSPC, as on a full disk (Linux, where CI runs).
  it('ends with one line naming a write error (a full disk) and exit 1, not a stack trace', () => {
    const article = jsonFile('full.json', { body: 'Viktor Bout was exchanged for Brittney Griner.' });
    for (const threads of ['1', '2']) {
      const full = openSync('/dev/full', 'w');
      try {
        const run = spawnSync(process.execPath, [cli, 'tag', '--threads', threads, article], {
          encoding: 'utf8',
          env,
          stdio: ['ignore', full, 'pipe'],
        });

        expect(run.status).toBe(1);
        expect(run.stderr).toBe('newswatch: cannot write the output: ENOSPC: no space left on device, write\n');
      } finally {
        closeSync(full);
      }
    }
  });

  it('reads stdin when given no file, and exits 0', () => {
    const result = tag([], JSON.stringify({ body: 'Konstantin Yaroshenko flew home.' }));
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).people[0].id).toBe('konstantin-yaroshenko');
  });

  it('exits 2 with the line and field on stderr for a bad JSON Lines line, keeping the good ones', () => {
    const result = tag(['--jsonl', '-'], `${JSON.stringify({ id: 'ok', body: 'Bout' })}\n${JSON.stringify({ id: 7, body: 'x' })}\n`);
    expect(result.status).toBe(2);
    expect(
      result.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).id),
    ).toEqual(['ok']);
    expect(result.stderr).toContain('stdin:2: field "id"');
  });

  it('tags JSON Lines on several threads exactly as on one: same lines, same order, same errors', () => {
    const input = join(dir, 'many.jsonl');
    writeFileSync(input, manyArticles());
    const people = [
      { id: 'viktor-bout', name: 'Viktor Bout' },
      { id: 'sergei-ryabkov', name: 'Sergei Ryabkov' },
    ];
    const watchlist = jsonFile('watchlist.json', { people, topics: [{ id: 'prisoner-exchange' }] });

    const one = tag(['--jsonl', '--threads', '1', '--watchlist', watchlist, input]);
    const three = tag(['--jsonl', '--threads', '3', '--watchlist', watchlist, input]);

    expect(one.status).toBe(2);
    expect(one.stdout.split('\n').length).toBeGreaterThan(3_900);
    expect(one.stdout).toContain('"sergei-ryabkov"');
    expect(three.stdout).toBe(one.stdout);
    expect(three.stderr).toBe(one.stderr);
    expect(three.status).toBe(2);
    // The matcher compiled for this watchlist was kept for the next run.
    expect(readdirSync(join(dir, 'cache')).filter((n) => n.endsWith('.matcher'))).toHaveLength(1);
  });

  it('exits 2 naming the bad entry of a bad watchlist when tagging on threads', () => {
    const twice = [
      { id: 'x', name: 'X' },
      { id: 'x', name: 'Y' },
    ];
    const bad = jsonFile('bad-watchlist.json', { people: twice });
    const result = tag(['--jsonl', '--threads', '2', '--watchlist', bad, '-'], `${JSON.stringify({ body: 'x' })}\n`);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('people[1] (id "x")');
  });

  it('exits 0 without a word on stderr when the reader closes the pipe early (newswatch tag … | head -1)', async () => {
    // Prepare: far more output than a pipe buffers, and a reader that takes one line and closes
    const line = `${JSON.stringify({ body: 'Viktor Bout and Konstantin Yaroshenko were exchanged. '.repeat(20) })}\n`;
    const child = spawn(process.execPath, [cli, 'tag', '--jsonl', '-'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdout.once('data', () => child.stdout.destroy());
    // The CLI stops at the closed pipe before reading all its input: our write into its stdin then ends in EPIPE.
    child.stdin.on('error', () => undefined);

    // Act
    child.stdin.end(line.repeat(5_000));
    const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve));

    // Assess
    expect(stderr).toBe('');
    expect(exitCode).toBe(0);
  });
});
