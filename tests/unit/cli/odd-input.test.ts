import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOpml } from '../../../functions/cli/commands/feeds';
import { registerRemoteCommands } from '../../../functions/cli/commands/remote';
import { topicBody } from '../../../functions/cli/commands/watchlist-command';
import { newswatchProgram, refuseOptionsAsValues, refuseRepeatedOptions } from '../../../functions/cli/program';
import { readArticleInputs } from '../../../functions/cli/push/read-articles';
import { UsageError } from '../../../functions/cli/support/cli-errors';
import { FileTooLarge, NOT_UTF8, readFileAtMost, TEXT_TOO_LONG, UTF16_TEXT, utf8Text } from '../../../functions/cli/support/input-file';
import { readWatchlistFile } from '../../../functions/cli/support/tag-matcher';
import { readOutputsFile } from '../../../functions/cli/smoke/target';
import { runTagCaptured } from '../../support/run-tag';

/** `newswatch ARGS` with the remote commands, throwing instead of exiting: what was refused, and the error output. */
async function parse(...args: string[]) {
  let errors = '';
  const root = new Command('newswatch').exitOverride().configureOutput({ writeErr: (text) => (errors += text), writeOut: () => undefined });
  registerRemoteCommands(root);
  const failure = await root.parseAsync(['node', 'newswatch', ...args]).then(
    () => undefined,
    (e: unknown) => e,
  );
  return { failure: failure as CommanderError | undefined, errors };
}

/** What a command makes of an unreadable input: the UsageError's message. */
async function refusal(work: () => unknown): Promise<string> {
  try {
    await work();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('the input was taken');
}

/** The remote commands with one of the program's checks (`check`) applied, parsed without exiting: the refusal and what it printed. */
async function parseRemote(check: (command: Command) => Command, args: string[]) {
  let errors = '';
  const root = new Command('newswatch').exitOverride().configureOutput({ writeErr: (text) => (errors += text), writeOut: () => undefined });
  registerRemoteCommands(root);
  check(root);
  const failure = await root.parseAsync(['node', 'newswatch', ...args]).then(
    () => undefined,
    (e: unknown) => e as CommanderError,
  );
  return { failure, errors };
}

describe('odd input on the command line', () => {
  let dir: string;
  const latin1 = Buffer.from('{"body": "caf\xe9"}', 'latin1');

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'newswatch-odd-'));
    await mkdir(join(dir, 'folder.json'));
    await writeFile(join(dir, 'empty.opml'), '');
    await writeFile(join(dir, 'empty.json'), ' \n');
    await writeFile(join(dir, 'deep.json'), `{"name":"T","rules":${'['.repeat(10_000)}"x"${']'.repeat(10_000)}}`);
    await writeFile(join(dir, 'latin1.json'), latin1);
    await writeFile(join(dir, 'latin1.jsonl'), Buffer.concat([Buffer.from('{"body": "fine"}\n'), latin1]));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  // `--table "$TABLE"` with TABLE unset was taken as no --table: keys went to the local table, tail to a local queue.
  it.each(
    [
      ['keys', 'list', '--table', ''],
      ['keys', 'list', '--region', ' '],
      ['keys', 'create', '--scope', 'read', '--endpoint', ''],
      ['alerts', 'tail', '--queue-url', ''],
      ['alerts', 'tail', '--region', ''],
      ['alerts', 'redrive', '--queue-url', ''],
      ['alerts', 'redrive', '--table', ''],
      ['alerts', 'redrive', '--region', ''],
      ['alerts', 'list', '--cursor', ''],
      ['smoke', '--region', ''],
    ].map((args) => [args.slice(0, -2).join(' '), args.at(-2)!, args] as const),
  )('refuses an empty value as a usage error naming the option: %s %s', async (_command, option, args) => {
    const { failure, errors } = await parse(...args);

    expect(failure).toBeInstanceOf(CommanderError);
    expect(errors).toMatch(new RegExp(`^error: option '${option} <[a-z]+>' argument '\\s*' is invalid\\. no value given`));
  });

  // `alerts redrive --queue-url x` ended in "unexpected error: Invalid URL", exit 1.
  it.each([
    ['alerts', 'redrive', '--queue-url', 'my-dlq'],
    ['alerts', 'tail', '--queue-url', 'sqs.eu-west-1.amazonaws.com/123456789012/my-alerts'],
    ['alerts', 'redrive', '--queue-url', 'ftp://127.0.0.1/q'],
  ])('refuses a --queue-url that is no http(s) URL as a usage error naming it: %s %s', async (...args) => {
    const { failure, errors } = await parse(...args);

    expect(failure).toBeInstanceOf(CommanderError);
    expect(errors).toContain(`error: option '--queue-url <url>' argument '${args[3]}' is invalid. not an http(s) URL`);
  });

  it('refuses an empty smoke --outputs instead of smoking the local runtime', async () => {
    const { errors } = await parse('smoke', '--outputs', '');

    expect(errors).toContain("option '--outputs <file>' argument '' is invalid. no file name given");
  });

  it('refuses a keys revoke id that is no key id before any table is reached', async () => {
    for (const id of ['', 'abc', 'NW0123456789']) {
      const { failure, errors } = await parse('keys', 'revoke', id);

      expect(failure, id).toBeInstanceOf(CommanderError);
      expect(errors).toContain(`"${id}" is not a key id (12 lowercase letters and digits`);
    }
  });

  it('says a usage error in two lines, not followed by the whole help', async () => {
    let errors = '';
    const program = newswatchProgram()
      .exitOverride()
      .configureOutput({ writeErr: (text) => (errors += text), writeOut: () => undefined });
    registerRemoteCommands(program);

    await expect(program.parseAsync(['node', 'newswatch', 'push', 'x.json', '--batch-size', '0'])).rejects.toBeInstanceOf(CommanderError);
    expect(errors.trim().split('\n')).toEqual([
      "error: option '--batch-size <n>' argument '0' is invalid. must be a whole number from 1 to 100, in decimal digits.",
      '(add --help for usage)',
    ]);
  });

  it("writes a control character in what was typed as an escape in commander's errors (an unknown command, a bad value)", async () => {
    let errors = '';
    const program = newswatchProgram()
      .exitOverride()
      .configureOutput({ writeErr: (text) => (errors += text), writeOut: () => undefined });
    registerRemoteCommands(program);

    await expect(program.parseAsync(['node', 'newswatch', 'push', 'x.json', '--batch-size', '1\u001b[2J'])).rejects.toBeInstanceOf(
      CommanderError,
    );
    expect(errors).toContain("argument '1\\u001b[2J' is invalid");
    expect(errors).not.toContain('\u001b');
  });

  it('refuses an option of one value given twice, naming it, and takes repeated lists and flags', async () => {
    const run = (...args: string[]) => parseRemote(refuseRepeatedOptions, args);

    const twice = await run('subscribe', '--email', 'a@example.com', '--email', 'b@example.com');
    expect(twice.failure?.exitCode).toBe(2);
    expect(twice.errors).toContain("error: option '--email <address>' was given more than once: it takes one value");
    expect((await run('digest', 'send', '--delivery', 'hourly', '--delivery', 'daily')).errors).toContain(
      "option '--delivery <mode>' was given more than once",
    );
    // Lists repeat by design, flags say the same twice: this is refused for its --max only.
    const lists = await run('alerts', 'tail', '--person', 'a', '--person', 'b', '--json', '--json', '--max', '0');
    expect(lists.errors).toMatch(/^error: option '--max <n>' argument '0' is invalid/);
    expect((await run('keys', 'create', '--scope', 'read', '--scope', 'admin', '--label', 'a', '--label', 'b')).errors).toContain(
      "option '--label <text>' was given more than once",
    );
  });

  it('names the option whose value was left out when another option stands where its value goes', async () => {
    const { failure, errors } = await parseRemote(refuseOptionsAsValues, ['digest', 'send', '--delivery', '--url', 'http://127.0.0.1:9']);

    expect(failure?.exitCode).toBe(2);
    expect(errors).toContain("error: option '--delivery <mode>' argument missing (found the option '--url' where its value goes)");
  });

  it('push: names an empty file name as such, and a file that is not UTF-8 with its line', async () => {
    expect(await refusal(() => readArticleInputs(['']))).toBe('<inputs>: an empty file name was given (a variable that was not set?)');
    expect(await refusal(() => readArticleInputs([join(dir, 'latin1.jsonl')]))).toBe(
      `${join(dir, 'latin1.jsonl')}:2: not UTF-8 text (save it as UTF-8, e.g. with \`iconv -f latin1 -t utf-8\`)`,
    );
  });

  it('reads UTF-8 with or without a byte order mark, and finds the line of the first other byte', () => {
    expect(utf8Text(Buffer.from('\ufeff{"body": "café"}'))).toEqual({ text: '{"body": "café"}' });
    expect(utf8Text(Buffer.concat([Buffer.from('a\nb\n'), latin1]))).toEqual({ line: 3, problem: NOT_UTF8 });
    // A replacement character written as UTF-8 is text like any other: the line is the bad byte's.
    expect(utf8Text(Buffer.concat([Buffer.from('{"body": "lost \ufffd"}\nb\n'), latin1]))).toEqual({ line: 3, problem: NOT_UTF8 });
  });

  it('names UTF-16 (a byte order mark of either order) and UTF-8 too long for a string, not "not UTF-8" with a Latin-1 hint', () => {
    for (const bom of [
      [0xff, 0xfe],
      [0xfe, 0xff],
    ]) {
      const utf16 = Buffer.concat([Buffer.from(bom), Buffer.from('{"body":"x"}', bom[0] === 0xff ? 'utf16le' : 'latin1')]);
      expect(utf8Text(utf16)).toEqual({ line: 1, problem: UTF16_TEXT });
    }
    // V8's strings stop at about 512 MiB: the decode of valid UTF-8 past that fails with a RangeError.
    const tooLong = () => {
      throw new RangeError('Invalid string length');
    };
    expect(utf8Text(Buffer.from('{"body":"x"}'), tooLong)).toEqual({ line: 1, problem: TEXT_TOO_LONG });
  });

  it('feeds import: names an empty file name, an empty file and a folder in words', async () => {
    expect(await refusal(() => readOpml(''))).toBe('<file>: an empty file name was given (a variable that was not set?)');
    expect(await refusal(() => readOpml(join(dir, 'empty.opml')))).toBe(`${join(dir, 'empty.opml')}: the file is empty (no OPML document)`);
    expect(await refusal(() => readOpml(join(dir, 'folder.json')))).toBe(`${join(dir, 'folder.json')}: is a folder, not a file`);
  });

  it('watchlist add-topic --file: names a folder, an empty file and one that is not UTF-8', async () => {
    const at = (name: string) => join(dir, name);

    expect(await refusal(() => topicBody('t1', at('folder.json')))).toBe(`--file ${at('folder.json')}: is a folder, not a file`);
    expect(await refusal(() => topicBody('t1', at('empty.json')))).toBe(
      `--file ${at('empty.json')}: the file is empty (it must hold one JSON object)`,
    );
    expect(await refusal(() => topicBody('t1', at('latin1.json')))).toContain(`--file ${at('latin1.json')}:1: not UTF-8 text`);
  });

  it('watchlist add-topic --file: refuses a definition nested 10,000 deep with a message, not a stack overflow', async () => {
    const refused = await topicBody('t1', join(dir, 'deep.json')).catch((error: unknown) => error);

    expect(refused).toBeInstanceOf(UsageError);
    expect((refused as UsageError).exitCode).toBe(2);
    expect((refused as UsageError).detailLines).toContain(
      'topics[0] (id "t1") field "rules.0": Invalid input: expected object, received array',
    );
  });

  it('tag: names an empty file name and a folder, exit 2', async () => {
    const { code, stderr } = await runTagCaptured(['', join(dir, 'folder.json')], {});

    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toEqual([
      'newswatch tag: [files...]: an empty file name was given (a variable that was not set?)',
      `newswatch tag: ${join(dir, 'folder.json')}: is a folder, not a file`,
    ]);
  });

  it('tag: says an empty article file is empty, and refuses stdin named twice, exit 2', async () => {
    const empty = await runTagCaptured([join(dir, 'empty.json')], {});
    const twice = await runTagCaptured(['-', '-'], {});

    expect(empty.code).toBe(2);
    expect(empty.stderr).toBe(
      `newswatch tag: ${join(dir, 'empty.json')}: empty: no article in it (it must hold one JSON article; with --jsonl, one a line)\n`,
    );
    expect(twice).toEqual({ code: 2, stdout: '', stderr: 'newswatch tag: -: stdin can be read only once\n' });
  });

  it('tag --watchlist: refuses a watchlist that is not UTF-8, naming its line, exit 2 (its names would never match)', async () => {
    const watchlist = join(dir, 'latin1-watchlist.json');
    await writeFile(watchlist, Buffer.from('{"people": [\n{"id": "jose", "name": "Jos\xe9 Mart\xednez"}], "topics": []}', 'latin1'));

    await writeFile(join(dir, 'jose.json'), '{"body": "José Martínez was freed."}');

    const { code, stdout, stderr } = await runTagCaptured([join(dir, 'jose.json')], { watchlist });

    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`${watchlist}: invalid watchlist:\n  line 2: not UTF-8 text`);
  });

  // readFileSync('/dev/zero') never ends: it took all memory before the process died.
  it('reads a whole-file input no further than its bound: /dev/zero is refused in words, not read until memory runs out', async () => {
    await writeFile(join(dir, 'eleven.txt'), 'x'.repeat(11));

    expect(readFileAtMost(join(dir, 'eleven.txt'), 11).toString()).toBe('x'.repeat(11));
    expect(() => readFileAtMost(join(dir, 'eleven.txt'), 10)).toThrow(FileTooLarge);
    expect(await refusal(() => readOpml('/dev/zero'))).toBe(
      '/dev/zero: larger than 10 MiB, more than this command reads (not read further)',
    );
    expect(await refusal(() => topicBody('t1', '/dev/zero'))).toBe(
      '--file /dev/zero: larger than 10 MiB, more than this command reads (not read further)',
    );
    expect(await refusal(() => readOutputsFile('/dev/zero'))).toContain('larger than 16 MiB');
    expect(() => readWatchlistFile('/dev/zero')).toThrow(/larger than 256 MiB/);
  });
});
