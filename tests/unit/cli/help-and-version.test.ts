import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { optionsBeforeSubcommand, unknownHelpTopic } from '../../../functions/cli/support/help-topic';

const root = join(__dirname, '..', '..', '..');
const cli = join(root, 'bin', 'newswatch-cli.mjs');
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });

/** A program with the shape of newswatch's: `feeds add|list`, `push`, `tag`. */
function program(): Command {
  const newswatch = new Command('newswatch');
  const feeds = newswatch.command('feeds');
  feeds.command('add');
  feeds.command('list').alias('ls');
  newswatch.command('push');
  newswatch.command('tag');
  return newswatch;
}

describe('help about a command there is none of', () => {
  it('names the unknown topic and the command whose help was asked for', () => {
    const newswatch = program();

    expect(unknownHelpTopic(newswatch, ['help', 'bogus'])).toEqual({ command: newswatch, topic: 'bogus' });
    expect(unknownHelpTopic(newswatch, ['feeds', 'help', 'remove'])).toMatchObject({ topic: 'remove' });
    expect(unknownHelpTopic(newswatch, ['feeds', 'help', 'remove'])?.command.name()).toBe('feeds');
  });

  it('leaves known topics, aliases, a bare help and words that are no help request to commander', () => {
    const newswatch = program();

    for (const args of [
      ['help'],
      ['help', 'feeds'],
      ['help', 'help'],
      ['feeds', 'help', 'ls'],
      ['help', '--all'],
      ['push', 'help'],
      ['tag', 'help', 'x'],
      ['x', 'help', 'y'],
    ])
      expect(unknownHelpTopic(newswatch, args)).toBeUndefined();
  });

  it('is a usage error naming the command, exit 2, also after connection options', () => {
    for (const args of [
      ['help', 'bogus'],
      ['--url', 'http://127.0.0.1:3999', 'help', 'bogus'],
    ]) {
      const result = run(...args);

      expect(result.stderr).toContain("error: unknown command 'bogus'");
      expect(result.stdout).toBe('');
      expect(result.status).toBe(2);
    }
  });
});

describe('newswatch --version', () => {
  it("prints package.json's version and exits 0", () => {
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };

    for (const flag of ['--version', '-V']) {
      const result = run(flag);

      expect(result.stdout.trim()).toBe(version);
      expect(result.status).toBe(0);
    }
  });
});

describe('options given to a command that only groups others, before one of them', () => {
  it('names the group and the option, and leaves a full command path, help and top-level options alone', () => {
    const newswatch = program();

    expect(optionsBeforeSubcommand(newswatch, ['feeds', '--url', 'http://x'])).toMatchObject({ option: '--url' });
    expect(optionsBeforeSubcommand(newswatch, ['feeds', '--url', 'http://x'])?.command.name()).toBe('feeds');
    for (const args of [['feeds', 'list', '--url', 'x'], ['feeds', '--help'], ['--version'], ['push', '--url', 'x'], ['feeds']])
      expect(optionsBeforeSubcommand(newswatch, args)).toBeUndefined();
  });

  it('leaves the options of a group that runs a command when none is named (`watchlist` is `watchlist list`) to that command', () => {
    const newswatch = program();

    expect(optionsBeforeSubcommand(newswatch, ['watchlist', '--json'])).toBeUndefined();
    expect(optionsBeforeSubcommand(newswatch, ['watchlist', '--url', 'http://x'])).toBeUndefined();
  });

  it('is a usage error naming the commands to choose from, exit 2', () => {
    const result = run('digest', '--url', 'http://127.0.0.1:3999');

    expect(result.stderr).toContain("error: 'digest' takes its options after one of its commands (send), not '--url' before it");
    expect(result.status).toBe(2);
  });
});
