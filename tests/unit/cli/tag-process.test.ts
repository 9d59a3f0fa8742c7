import { spawnSync } from 'node:child_process';
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
});
