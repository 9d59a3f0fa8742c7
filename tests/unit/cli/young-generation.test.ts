import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { spawnTagWorker } from '../../../functions/cli/support/tag-spawn';
import { runTagCaptured } from '../../support/run-tag';

const modulePath = fileURLToPath(new URL('../../../functions/cli/support/young-generation.ts', import.meta.url));
const MB = 1024 * 1024;

/**
 * A fresh process (V8's heap flags are process-wide, and this one's young generation has long grown)
 * that allocates objects, keeping one in twenty so V8 sees survivors and grows its young generation,
 * and calls the hold check after each round; prints the young generation's size at the end.
 */
const child = `
const { getHeapSpaceStatistics } = await import('node:v8');
const { youngGenerationHold } = await import(process.env.YG_MODULE);
const hold = process.env.YG_BYTES ? youngGenerationHold(Number(process.env.YG_BYTES)) : () => undefined;
const keep = [];
for (let round = 0; round < 300; round++) {
  for (let i = 0; i < 20000; i++) {
    const o = { i, s: 'x' + i };
    if (i % 20 === 0) keep.push(o);
  }
  hold();
}
console.log(getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size);
`;

function youngGenerationAfterRun(holdAt?: number): number {
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', child], {
    env: { ...process.env, YG_MODULE: modulePath, YG_BYTES: holdAt === undefined ? '' : String(holdAt) },
    encoding: 'utf8',
  });
  return Number(out.trim());
}

describe('the tag run young generation hold', () => {
  it('stops the young generation growing once it reached the size given', () => {
    const free = youngGenerationAfterRun();
    const held = youngGenerationAfterRun(4 * MB);
    expect(free).toBeGreaterThanOrEqual(16 * MB);
    expect(held).toBeGreaterThanOrEqual(4 * MB);
    expect(held).toBeLessThan(free);
    expect(held).toBeLessThanOrEqual(8 * MB);
  });
});

describe('newswatch tag on its own thread', () => {
  it('calls its check after loading the matcher and after every batch', async () => {
    // ≈ 700 KB of articles: more than two of the command's 256 KB batches.
    const body = 'Viktor Bout was freed in a prisoner swap. '.repeat(100);
    const lines = Array.from({ length: 160 }, (_, i) => JSON.stringify({ id: `a${i}`, body }));
    const path = join(mkdtempSync(join(tmpdir(), 'newswatch-young-')), 'many.jsonl');
    writeFileSync(path, `${lines.join('\n')}\n`);
    let checks = 0;
    const { code, stdout } = await runTagCaptured([path], { jsonl: true, threads: 1, cache: false }, { afterTagging: () => checks++ });
    expect(code).toBe(0);
    expect(stdout.split('\n').filter(Boolean)).toHaveLength(160);
    expect(checks).toBeGreaterThanOrEqual(4);
  });
});

describe('a tagging thread', () => {
  it('starts with a young generation limited to the size the main thread holds', async () => {
    // Any module will do: only the limits the thread was given are read, and it is ended at once.
    const { worker } = spawnTagWorker(new URL('data:text/javascript,'));
    try {
      expect(worker.resourceLimits?.maxYoungGenerationSizeMb).toBe(12);
    } finally {
      await worker.terminate();
    }
  });
});
