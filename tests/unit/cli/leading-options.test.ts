import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { connectionOptionsLast } from '../../../functions/cli/support/leading-options';

describe('connection options given before the command', () => {
  it('moves --url and --api-key, with their values, after the command', () => {
    expect(connectionOptionsLast(['--url', 'http://h', '--api-key=k', 'feeds', 'add', 'https://x/rss'])).toEqual([
      'feeds',
      'add',
      'https://x/rss',
      '--url',
      'http://h',
      '--api-key=k',
    ]);
  });

  it('puts them before a -- that ends the options, and leaves everything else as it was', () => {
    expect(connectionOptionsLast(['--url', 'http://h', 'push', '--', '-odd-name.json'])).toEqual([
      'push',
      '--url',
      'http://h',
      '--',
      '-odd-name.json',
    ]);
    expect(connectionOptionsLast(['feeds', 'list', '--url', 'http://h'])).toEqual(['feeds', 'list', '--url', 'http://h']);
    expect(connectionOptionsLast(['--help'])).toEqual(['--help']);
    expect(connectionOptionsLast(['--version', '--url', 'x'])).toEqual(['--version', '--url', 'x']);
  });
});

describe('newswatch --url U --api-key K <command>', () => {
  it('takes the connection options before the command as after it', () => {
    const cli = join(__dirname, '..', '..', '..', 'bin', 'newswatch-cli.mjs');
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('NEWSWATCH_')));

    const result = spawnSync(process.execPath, [cli, '--url', 'http://127.0.0.1:3999', '--api-key', 'k', 'feeds', 'list'], {
      env,
      encoding: 'utf8',
    });

    expect(result.stderr).toContain('http://127.0.0.1:3999');
    expect(result.status).toBe(1);
  });
});
