import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { failingTagThread, fakeTagThread } from '../../support/fake-tag-thread';
import { runTagOnThread } from '../../support/run-tag';

const dir = mkdtempSync(join(tmpdir(), 'newswatch-tag-threads-'));
/** A tagging thread that writes back, as its "output line", exactly the article it was sent. */
const echoThread = fakeTagThread(dir, 'echo-thread.mjs', [
  "parentPort.postMessage({ kind: 'ready' });",
  "parentPort.on('message', ({ seq, articles }) => parentPort.postMessage({ kind: 'done', seq, out: articles.map((a) => JSON.stringify(a) + '\\n').join('') }));",
]);

/**
 * A tagging thread that says it is ready only once it was sent a batch (it answers each with whether it
 * came before that): a command that waited for "ready" before reading would wait for ever. No clock in it.
 */
const slowStarter = fakeTagThread(dir, 'slow-starter.mjs', [
  'let ready = false;',
  "parentPort.on('message', ({ seq }) => {",
  "  parentPort.postMessage({ kind: 'done', seq, out: 'before ready: ' + !ready + '\\n' });",
  "  if (!ready) { ready = true; parentPort.postMessage({ kind: 'ready' }); }",
  '});',
]);

/** A tagging thread that cannot load its matcher (what a bad watchlist does to a real one). */
const failing = failingTagThread(dir, 'w.json: invalid watchlist');

describe('newswatch tag on threads', () => {
  it('reads and checks the first batch while the tagging thread starts up, instead of waiting until it is ready', async () => {
    const input = join(dir, 'one.jsonl');
    writeFileSync(input, `${JSON.stringify({ body: 'x' })}\n`);

    const { code, stdout } = await runTagOnThread([input], slowStarter);

    expect(code).toBe(0);
    expect(stdout).toBe('before ready: true\n');
  });

  it('exits 2 with the reason when the tagging threads cannot load the matcher, also for an empty input', async () => {
    const empty = join(dir, 'empty.jsonl');
    writeFileSync(empty, '');

    const { code, stdout, stderr } = await runTagOnThread([empty], failing);

    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('newswatch tag: w.json: invalid watchlist\n');
  });

  it('reports a bad watchlist alone, not after the message for an input that cannot be read', async () => {
    const good = join(dir, 'good.jsonl');
    writeFileSync(good, `${JSON.stringify({ body: 'x' })}\n`);

    const { code, stdout, stderr } = await runTagOnThread([join(dir, 'missing.jsonl'), good], failing);

    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('newswatch tag: w.json: invalid watchlist\n');
  });

  it('checks every line on the main thread and sends a tagging thread only the good articles, with only the fields the tagger reads', async () => {
    // Prepare: good lines with extra fields, a line that is not JSON, one whose body is missing, a blank line
    const lines = [
      JSON.stringify({ id: 'a1', title: 'T', body: 'B', url: 'not checked', author: 'dropped' }),
      '{not json',
      JSON.stringify({ id: 'a2', title: 'no body' }),
      '',
      JSON.stringify({ body: 'no id' }),
    ];
    const input = join(dir, 'in.jsonl');
    writeFileSync(input, `${lines.join('\n')}\n`);

    // Act
    const { code, stdout, stderr } = await runTagOnThread([input], echoThread);

    // Assess
    expect(code).toBe(2);
    expect(
      stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l)),
    ).toEqual([
      { id: 'a1', title: 'T', body: 'B' },
      { id: null, body: 'no id' },
    ]);
    expect(stderr).toContain(`${input}:2: not valid JSON`);
    expect(stderr).toContain(`${input}:3: field "body"`);
  });
});
