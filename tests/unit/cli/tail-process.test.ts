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

describe('newswatch alerts redrive against a deployed stack without AWS credentials', () => {
  it('says there are no AWS credentials and how to configure them, exit 1, not "unexpected error"', () => {
    const home = mkdtempSync(join(tmpdir(), 'newswatch-no-credentials-'));
    const env = {
      ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('NEWSWATCH_') && !name.startsWith('AWS_'))),
      HOME: home,
      AWS_CONFIG_FILE: join(home, 'none'),
      AWS_SHARED_CREDENTIALS_FILE: join(home, 'none'),
      AWS_EC2_METADATA_DISABLED: 'true',
    };
    const args = [
      'alerts',
      'redrive',
      '--queue-url',
      'https://sqs.eu-west-1.amazonaws.com/123456789012/dlq',
      '--table',
      't',
      '--region',
      'eu-west-1',
    ];

    const result = spawnSync(process.execPath, [cli, ...args], { cwd: home, env, encoding: 'utf8', timeout: 60_000 });
    rmSync(home, { recursive: true, force: true });

    expect(result.status).toBe(1);
    expect(result.stderr).toContain('newswatch: no AWS credentials (');
    expect(result.stderr).toContain('configure them (aws configure, AWS_PROFILE)');
    expect(result.stderr).not.toContain('unexpected error');
  });
});
