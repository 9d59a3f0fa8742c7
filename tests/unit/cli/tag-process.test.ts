import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const cli = join(__dirname, '..', '..', '..', 'bin', 'newswatch-cli.mjs');
const tag = (args: string[], input: string) => spawnSync(process.execPath, [cli, 'tag', ...args], { input, encoding: 'utf8' });

describe('newswatch tag as a process', () => {
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
