import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerRemoteCommands } from '../../../functions/cli/commands/remote';
import { everything, subscriptionRequest } from '../../../functions/cli/commands/subscribe';
import { personEntry, topicBody } from '../../../functions/cli/commands/watchlist-command';
import { UsageError } from '../../../functions/cli/support/cli-errors';
import { collectIds, fileName, integerBetween, parseIsoDate } from '../../../functions/cli/support/options';

/** The remote commands on a program that throws instead of exiting, with its error output captured. */
function program() {
  let errors = '';
  const root = new Command('newswatch').exitOverride().configureOutput({ writeErr: (text) => (errors += text), writeOut: () => undefined });
  registerRemoteCommands(root);
  const parse = async (...args: string[]) => {
    const failure = await root.parseAsync(['node', 'newswatch', ...args]).then(
      () => undefined,
      (e: unknown) => e,
    );
    return { failure: failure as CommanderError | undefined, errors };
  };
  return { root, parse };
}

function allCommands(command: Command): Command[] {
  return command.commands.flatMap((c) => [c, ...allCommands(c)]);
}

describe('command line', () => {
  it('registers every client command', () => {
    const names = program().root.commands.map((c) => c.name());

    expect(names).toEqual(expect.arrayContaining(['push', 'subscribe', 'subscriptions', 'unsubscribe', 'watchlist', 'alerts', 'keys']));
  });

  it('gives every command and sub-command a description and --help', () => {
    for (const command of allCommands(program().root)) {
      expect(command.description(), command.name()).not.toBe('');
      expect(command.helpInformation(), command.name()).toContain('-h, --help');
    }
  });

  it('names the option when --concurrency is out of range', async () => {
    const { failure, errors } = await program().parse('push', 'x.json', '--concurrency', '0');

    expect(failure).toBeInstanceOf(CommanderError);
    expect(errors).toContain("option '--concurrency <n>' argument '0' is invalid");
  });

  it('refuses an empty --file for watchlist add-topic, which would otherwise name a built-in topic', async () => {
    const { failure, errors } = await program().parse('watchlist', 'add-topic', 'sanctions', '--file', '');

    expect(failure).toBeInstanceOf(CommanderError);
    expect(errors).toContain("option '--file <def.json>' argument '' is invalid. no file name given (the value was empty).");
    expect(() => fileName('  ')).toThrow('no file name given');
    expect(fileName('watchlist.json')).toBe('watchlist.json');
  });

  it('names --since when it is not an ISO-8601 date or date-time, before any request', async () => {
    const { failure, errors } = await program().parse('alerts', 'list', '--since', 'yesterday');

    expect(failure).toBeInstanceOf(CommanderError);
    expect(errors).toContain("option '--since <iso>' argument 'yesterday' is invalid. must be an ISO-8601 date or date-time.");
    expect([parseIsoDate('2026-11-30'), parseIsoDate('2026-11-30T07:00:00Z')]).toEqual(['2026-11-30', '2026-11-30T07:00:00Z']);
  });

  it('describes alerts list --since as the API reads it: at or after, not after', () => {
    const alerts = program().root.commands.find((command) => command.name() === 'alerts');
    const list = alerts?.commands.find((command) => command.name() === 'list');

    expect(list?.helpInformation()).toMatch(/--since <iso>\s+only those published at or after this/);
  });

  it('names the option when a followed id is not a slug', async () => {
    const { failure, errors } = await program().parse('subscribe', '--email', 'a@example.com', '--person', 'Viktor_Bout');

    expect(failure).toBeInstanceOf(CommanderError);
    expect(errors).toContain("option '--person <ids...>' argument 'Viktor_Bout' is invalid");
  });

  it('names a mistyped watchlist command as unknown, not as extra arguments of the default list', async () => {
    const { failure, errors } = await program().parse('watchlist', 'add-persn', 'brittney-griner');

    expect(failure).toBeInstanceOf(CommanderError);
    expect(failure?.code).toBe('commander.unknownCommand');
    expect(errors).toContain(
      "error: unknown command 'add-persn' (watchlist commands: list, add-person, add-topic, remove-person, remove-topic)",
    );
    expect(errors).not.toContain("for 'list'");
  });

  it('still counts the extra words of an explicit watchlist list', async () => {
    const { failure, errors } = await program().parse('watchlist', 'list', 'extra');

    expect(failure?.code).toBe('commander.excessArguments');
    expect(errors).toContain("error: too many arguments for 'list'. Expected 0 arguments but got 1.");
  });

  it('refuses push without an input and keys create without a scope', async () => {
    expect((await program().parse('push')).errors).toContain("missing required argument 'inputs'");
    expect((await program().parse('keys', 'create')).errors).toContain("required option '--scope <scopes...>' not specified");
    expect((await program().parse('keys', 'create', '--scope', 'root')).errors).toContain('"root" is not a scope');
  });
});

describe('option parsers', () => {
  it('accepts whole numbers in range only', () => {
    const parse = integerBetween(1, 64);

    expect(parse('8')).toBe(8);
    expect(() => parse('65')).toThrow(/from 1 to 64/);
    expect(() => parse('2.5')).toThrow();
    expect(() => parse('')).toThrow();
  });

  it('collects ids from repeated, variadic and comma-separated values', () => {
    expect(collectIds('b,c', collectIds('a', undefined))).toEqual(['a', 'b', 'c']);
  });

  it('refuses an empty id list, which would otherwise follow everything', async () => {
    expect(() => collectIds('', undefined)).toThrow('no id given');
    expect(() => collectIds(' , ', ['viktor-bout'])).toThrow('no id given');

    const { failure, errors } = await program().parse('subscribe', '--email', 'a@example.com', '--person', '');
    expect(failure).toBeInstanceOf(CommanderError);
    expect(errors).toContain("option '--person <ids...>' argument '' is invalid. no id given");
  });
});

describe('subscribe options', () => {
  it('needs exactly one endpoint option', () => {
    expect(() => subscriptionRequest({})).toThrow(
      new UsageError('give exactly one of --email, --sms, --https, --sqs, --lambda (none was given)'),
    );
    expect(() => subscriptionRequest({ email: 'a@example.com', sms: '+14155550100' })).toThrow(/got --email and --sms/);
  });

  it('checks the endpoint for its protocol and names the option', () => {
    expect(() => subscriptionRequest({ sqs: 'my-queue' })).toThrow(/^--sqs: must be an SQS queue ARN/);
    expect(() => subscriptionRequest({ sms: '555-1234' })).toThrow(/^--sms: must be a phone number in E\.164 form/);
  });

  it('builds the API request with the followed people and topics', () => {
    const request = subscriptionRequest({ email: 'analyst@example.com', person: ['viktor-bout'], topic: ['prisoner-exchange'] });

    expect(request).toEqual({
      protocol: 'email',
      endpoint: 'analyst@example.com',
      people: ['viktor-bout'],
      topics: ['prisoner-exchange'],
      delivery: 'article',
    });
  });

  it('passes --delivery and --min-score, and names a bad one', () => {
    const request = subscriptionRequest({
      sqs: 'arn:aws:sqs:us-east-1:123456789012:q',
      topic: ['prisoner-exchange'],
      delivery: 'daily',
      minScore: '0.6',
    });
    expect(request).toMatchObject({ delivery: 'daily', minScore: 0.6 });
    expect(() => subscriptionRequest({ sqs: 'arn:aws:sqs:us-east-1:123456789012:q', delivery: 'weekly' })).toThrow(/--delivery/);
    expect(() => subscriptionRequest({ sqs: 'arn:aws:sqs:us-east-1:123456789012:q', minScore: 'high' })).toThrow(/--min-score/);
    for (const minScore of ['', ' ', '0x1', '0b1']) {
      expect(() => subscriptionRequest({ sqs: 'arn:aws:sqs:us-east-1:123456789012:q', minScore }), minScore).toThrow(
        '--min-score: must be a number from 0 to 1',
      );
    }
    for (const [minScore, value] of [
      ['.5', 0.5],
      ['1', 1],
      ['5e-1', 0.5],
    ] as const) {
      expect(subscriptionRequest({ sqs: 'arn:aws:sqs:us-east-1:123456789012:q', minScore }).minScore).toBe(value);
    }
  });

  it('leaves out empty filters, which means every alert', () => {
    expect(subscriptionRequest({ https: 'https://hooks.example.com/nw' })).toEqual({
      protocol: 'https',
      endpoint: 'https://hooks.example.com/nw',
      delivery: 'article',
    });
  });
});

describe('watchlist options', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'newswatch-topic-'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('builds the person entry without the id, and names the option at fault', () => {
    expect(personEntry('brittney-griner', { name: 'Brittney Griner', alias: ['Бриттни Гринер'] })).toEqual({
      name: 'Brittney Griner',
      aliases: ['Бриттни Гринер'],
    });
    expect(() => personEntry('x', { name: '  ' })).toThrow(/^--name: /);
    expect(() => personEntry('x', { name: 'X Y', surnameRule: 'sometimes' })).toThrow(/^--surname-rule: /);
  });

  it('sends --exclude phrases with the person and with a built-in topic', async () => {
    expect(personEntry('trevor-reed', { name: 'Trevor Reed', exclude: ['Lou Reed', 'Reed College'] })).toEqual({
      name: 'Trevor Reed',
      exclude: ['Lou Reed', 'Reed College'],
    });
    expect(await topicBody('prisoner-exchange', undefined, ['fantasy football'])).toEqual({ exclude: ['fantasy football'] });
    expect(() => personEntry('x', { name: 'X Y', exclude: [' '] })).toThrow(/^--exclude: /);
  });

  it('sends an empty body for a built-in topic and refuses an unknown one', async () => {
    expect(await topicBody('prisoner-exchange', undefined)).toEqual({});
    await expect(topicBody('no-such-topic', undefined)).rejects.toThrow(UsageError);
  });

  it('tells a topic that is not built in, given without --file, to pass its definition with --file', async () => {
    await expect(topicBody('sanctions', undefined)).rejects.toThrow(
      'add-topic sanctions: not a built-in topic (built in: prisoner-exchange); a topic of your own needs --file DEF.json with its full definition (docs/tagging.md, "Topic definition format")',
    );
  });

  it('refuses a definition file whose id differs from the command line', async () => {
    const file = join(dir, 'other.json');
    await writeFile(file, JSON.stringify({ id: 'other' }));

    await expect(topicBody('sanctions', file)).rejects.toThrow(/its id "other" differs from <id> "sanctions"/);
  });

  it('reads a definition file that starts with a UTF-8 byte order mark', async () => {
    const file = join(dir, 'bom.json');
    await writeFile(file, `\uFEFF${JSON.stringify({ terms: { ZEBRA: ['zebra'] }, rules: [{ all: ['ZEBRA'], weight: 0.9 }] })}`);

    await expect(topicBody('zebras', file)).resolves.toMatchObject({ terms: { ZEBRA: ['zebra'] } });
  });

  it('names a definition file that is not JSON', async () => {
    const file = join(dir, 'broken.json');
    await writeFile(file, '{ nope');

    await expect(topicBody('sanctions', file)).rejects.toThrow(/^--file .*broken\.json: not valid JSON/);
  });
});

// It said "every alert" whatever the mode: a story or digest subscription gets no article alerts.
describe('subscribe without --person or --topic', () => {
  it('says what the subscription will be sent in its delivery mode', () => {
    expect(everything('article')).toBe('every article alert');
    expect(everything('story')).toBe('every story alert');
    expect(everything('hourly')).toBe('an hourly digest of every story');
    expect(everything('daily')).toBe('a daily digest of every story');
  });
});
