import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const cli = join(__dirname, '..', '..', '..', 'bin', 'newswatch-cli.mjs');

describe('newswatch alerts tail without a local runtime', () => {
  it('says no local runtime is running and to start it with npm start, exit 2', () => {
    // Prepare: a folder with no .newswatch above it, and no connection settings in the environment
    const folder = mkdtempSync(join(tmpdir(), 'newswatch-no-runtime-'));
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('NEWSWATCH_')));

    // Act
    const result = spawnSync(process.execPath, [cli, 'alerts', 'tail'], { cwd: folder, env, encoding: 'utf8' });
    rmSync(folder, { recursive: true, force: true });

    // Assess
    expect(result.status).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe(
      'newswatch: alerts tail: no local runtime is running (no .newswatch/runtime.json here or in any folder above)',
    );
    expect(result.stderr).toContain('start it with `npm start` in another terminal');
  });
});
