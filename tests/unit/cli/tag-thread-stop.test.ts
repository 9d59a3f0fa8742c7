import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runTag } from '../../../functions/cli/commands/tag';
import { TagPool } from '../../../functions/cli/support/tag-pool';
import { fakeTagThread } from '../../support/fake-tag-thread';
import { runTagOnThread } from '../../support/run-tag';

const dir = mkdtempSync(join(tmpdir(), 'newswatch-tag-thread-stop-'));
/** A tagging thread that says it is ready, then dies on the first batch it is given (as a crash or running out of memory would). */
const entry = fakeTagThread(dir, 'dying-thread.mjs', [
  "parentPort.postMessage({ kind: 'ready' });",
  "parentPort.on('message', () => process.exit(3));",
]);

/** Tagging threads that end before they say they are ready: one exits, one throws as its module loads. */
const exitsAtStart = fakeTagThread(dir, 'exits-at-start.mjs', ['process.exit(3);']);
const throwsAtStart = fakeTagThread(dir, 'throws-at-start.mjs', ["throw new Error('no memory left');"]);

const articles = [{ id: null, body: 'x' }];

describe('tagging threads that stop', () => {
  it('fail the batch in flight and refuse every later batch instead of leaving it waiting', async () => {
    const pool = TagPool.start(entry, 1, {});
    try {
      await expect(pool.run(articles)).rejects.toThrow(/stopped \(exit code 3\)/);
      await expect(pool.run(articles)).rejects.toThrow(/stopped/);
    } finally {
      await pool.close();
    }
  });

  it('make newswatch tag exit 2 with a message naming the input, not crash on the batches the thread held', async () => {
    const input = join(dir, 'many.jsonl');
    // Well past one batch per thread, so several batches are in flight when the threads die.
    writeFileSync(input, `${JSON.stringify({ body: 'Viktor Bout '.repeat(1_000) })}\n`.repeat(200));
    const err = new PassThrough();
    let stderr = '';
    err.on('data', (d) => (stderr += d));

    const code = await runTag([input, input], { jsonl: true, threads: 2, cache: false }, new PassThrough(), err, { workerEntry: entry });

    expect(code).toBe(2);
    expect(stderr).toContain(`${input}: a tagging thread stopped (exit code 3)`);
  });

  it.each([
    ['exits', exitsAtStart, 'a tagging thread stopped (exit code 3)'],
    ['throws', throwsAtStart, 'a tagging thread failed (no memory left)'],
  ])(
    'make newswatch tag exit 2 naming the input when a thread %s before it is ready, instead of waiting for it',
    async (_, thread, message) => {
      const input = join(dir, 'one.jsonl');
      writeFileSync(input, `${JSON.stringify({ body: 'Viktor Bout' })}\n`);

      const { code, stdout, stderr } = await runTagOnThread([input], thread);

      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toBe(`newswatch tag: ${input}: ${message}\n`);
    },
  );

  it('make newswatch tag exit 2 with the reason when a thread stops before it is ready and the input is empty', async () => {
    const empty = join(dir, 'empty.jsonl');
    writeFileSync(empty, '');

    const { code, stdout, stderr } = await runTagOnThread([empty], exitsAtStart);

    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('newswatch tag: a tagging thread stopped (exit code 3)\n');
  });
});
