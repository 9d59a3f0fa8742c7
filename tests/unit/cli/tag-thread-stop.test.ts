import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runTag } from '../../../functions/cli/commands/tag';
import { TagPool } from '../../../functions/cli/support/tag-pool';

/** A tagging thread that says it is ready, then dies on the first batch it is given (as a crash or running out of memory would). */
const dir = mkdtempSync(join(tmpdir(), 'newswatch-tag-thread-stop-'));
const dyingThread = join(dir, 'dying-thread.mjs');
writeFileSync(
  dyingThread,
  "import { parentPort } from 'node:worker_threads';\nparentPort.postMessage({ kind: 'ready' });\nparentPort.on('message', () => process.exit(3));\n",
);
const entry = pathToFileURL(dyingThread);
const articles = [{ id: null, body: 'x' }];

describe('tagging threads that stop', () => {
  it('fail the batch in flight and refuse every later batch instead of leaving it waiting', async () => {
    const pool = await TagPool.start(entry, 1, {});
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
});
