import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { commandPathLength, connectionOptionsAfterCommand } from '../../../functions/cli/support/leading-options';

/** A program with the shape of newswatch's: `feeds add|list`, `push`. */
function program(): Command {
  const root = new Command('newswatch');
  const feeds = root.command('feeds');
  feeds.command('add');
  feeds.command('list');
  root.command('push');
  return root;
}

const moved = (args: string[]) => connectionOptionsAfterCommand(args, (words) => commandPathLength(program(), words));

describe('connection options given before the command', () => {
  it('moves --url and --api-key, with their values, to just after the command', () => {
    expect(moved(['--url', 'http://h', '--api-key=k', 'feeds', 'add', 'https://x/rss'])).toEqual([
      'feeds',
      'add',
      '--url',
      'http://h',
      '--api-key=k',
      'https://x/rss',
    ]);
  });

  it("never hands one to the command's last option as its value when the user left that value out", () => {
    expect(moved(['--url', 'http://h', 'feeds', 'add', 'https://x/rss', '--every'])).toEqual([
      'feeds',
      'add',
      '--url',
      'http://h',
      'https://x/rss',
      '--every',
    ]);
  });

  it('puts them before a -- that ends the options, and leaves everything else as it was', () => {
    expect(moved(['--url', 'http://h', 'push', '--', '-odd-name.json'])).toEqual(['push', '--url', 'http://h', '--', '-odd-name.json']);
    expect(moved(['feeds', 'list', '--url', 'http://h'])).toEqual(['feeds', 'list', '--url', 'http://h']);
    expect(moved(['--help'])).toEqual(['--help']);
    expect(moved(['--url', 'x', '--help'])).toEqual(['--help', '--url', 'x']);
    expect(moved(['--version', '--url', 'x'])).toEqual(['--version', '--url', 'x']);
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

  it('names the missing value of the last option, not an extra argument, when the connection options came first', () => {
    const cli = join(__dirname, '..', '..', '..', 'bin', 'newswatch-cli.mjs');

    const result = spawnSync(process.execPath, [cli, '--url', 'http://127.0.0.1:3999', '--api-key', 'k', 'digest', 'send', '--delivery'], {
      encoding: 'utf8',
    });

    expect(result.stderr).toContain("option '--delivery <");
    expect(result.stderr).toContain('argument missing');
    expect(result.status).toBe(2);
  });
});
