import { oneLine } from '../../core/text/one-line';
import { MAX_BODY_LIMIT } from '../../core/article-limits';
import type { Command } from 'commander';
import { BUILTIN_TOPIC_IDS } from '../../core/tagger/builtin-topic-ids';
import { parseWatchlist, PersonEntry, SurnameRule, WatchlistError } from '../../core/watchlist';
import { addConnectionOptions, connect, type ConnectionOptions } from '../support/connection';
import { answerShape } from '../support/http-client';
import { WatchlistAnswer, WatchlistPersonAnswer, WatchlistTopicAnswer } from '../../core/api-answers';
import { runAction, UsageError } from '../support/cli-errors';
import { fileName, parseId } from '../support/options';
import { readFileAtMost, readProblem, utf8Text } from '../support/input-file';
import { renderTable } from '../support/output';
import { withoutByteOrderMark } from '../../core/text/byte-order-mark';

/** Collects a repeatable option's values. */
const collect = (v: string, prev: string[] = []) => [...prev, v];

/** watchlist [list] / add-person / remove-person / add-topic / remove-topic, through the HTTP API. */
export function registerWatchlist(program: Command): void {
  const watchlist = program
    .command('watchlist')
    .description('Show or edit the tracked people and topics (changes apply to new articles within a minute)');

  addConnectionOptions(
    watchlist
      .command('list', { isDefault: true })
      .description('List tracked people and topics (the default)')
      .option('--json', 'print the watchlist as JSON')
      .allowExcessArguments(true),
  )
    .hook('preAction', (_, listCommand) => refuseStrayWords(watchlist, listCommand))
    .action(runAction(list));

  addConnectionOptions(
    watchlist
      .command('add-person')
      .description('Track a person, or replace the entry of one already tracked')
      .argument('<id>', 'lowercase slug, e.g. brittney-griner', parseId)
      .requiredOption('--name <name>', 'the name as usually written, e.g. "Brittney Griner"')
      .option('--alias <aliases...>', 'other forms: spellings, Cyrillic, epithets (repeatable)', collect)
      .option('--surname <surname>', 'the surname part of --name, when it is not the last word')
      .option('--surname-rule <rule>', `when the surname alone counts: ${SurnameRule.options.join(', ')} (see docs/tagging.md)`)
      .option(
        '--exclude <phrases...>',
        'phrases that cancel a mention, e.g. "Lou Reed" (repeatable; matched in Latin and Cyrillic)',
        collect,
      ),
  )
    .addHelpText(
      'after',
      '\nExamples:\n  newswatch watchlist add-person brittney-griner --name "Brittney Griner" --alias "Бриттни Гринер"\n  newswatch watchlist add-person trevor-reed --name "Trevor Reed" --exclude "Lou Reed" --exclude "Reed College"',
    )
    .action(runAction(addPerson));

  addConnectionOptions(
    watchlist
      .command('add-topic')
      .description('Track a topic: a built-in one by id, or your own definition from a file')
      .argument('<id>', 'topic id, e.g. prisoner-exchange', parseId)
      .option('--file <def.json>', 'a full topic definition (format: docs/tagging.md); without it the id names a built-in topic', fileName)
      .option('--exclude <phrases...>', "phrases whose sentence is not the topic's evidence (repeatable)", collect),
  )
    .addHelpText(
      'after',
      '\nExamples:\n  newswatch watchlist add-topic prisoner-exchange\n  newswatch watchlist add-topic prisoner-exchange --exclude "fantasy football"\n  newswatch watchlist add-topic sanctions --file sanctions.json',
    )
    .action(runAction(addTopic));

  for (const [kind, path] of [
    ['person', 'people'],
    ['topic', 'topics'],
  ] as const) {
    addConnectionOptions(
      watchlist.command(`remove-${kind}`).description(`Stop tracking a ${kind}`).argument('<id>', `${kind} id`, parseId),
    ).action(
      runAction(async (id: string, options: ConnectionOptions) => {
        const { client } = connect(options);
        await client.request('DELETE', `/watchlist/${path}/${id}`);
        process.stdout.write(`removed ${kind} ${id}\n`);
      }),
    );
  }
}

/**
 * `list` is the default, so a mistyped sub-command (`watchlist add-persn x`) reaches it as arguments:
 * name the unknown command, as commander does for every other group, not "too many arguments for
 * 'list'", which the user never typed.
 */
function refuseStrayWords(watchlist: Command, listCommand: Command): void {
  const [first] = listCommand.args;
  if (first === undefined) return;
  if (watchlist.args[0] === 'list') {
    listCommand.error(`error: too many arguments for 'list'. Expected 0 arguments but got ${listCommand.args.length}.`, {
      code: 'commander.excessArguments',
    });
  }
  const names = watchlist.commands.map((command) => command.name()).join(', ');
  watchlist.error(`error: unknown command '${first}' (watchlist commands: ${names})`, { code: 'commander.unknownCommand' });
}

/** Exclude phrases, quoted (a phrase may hold spaces), or '-'. */
const phrases = (list?: readonly string[]) => (list?.length ? list.map((x) => `"${x}"`).join(' ') : '-');

export function watchlistText({ people, topics }: WatchlistAnswer): string {
  const peopleTable = renderTable(
    ['PERSON', 'NAME', 'ALIASES', 'EXCLUDE'],
    people.map((p) => [p.id, p.name, (p.aliases ?? []).join(' | ') || '-', phrases(p.exclude)]),
  );
  const topicsTable = renderTable(
    ['TOPIC', 'DEFINITION', 'EXCLUDE'],
    topics.map((t) => [t.id, 'rules' in t ? `custom${t.name ? `: ${t.name}` : ''}` : 'built-in', phrases(t.exclude)]),
  );
  return [people.length ? peopleTable : 'no people tracked', '', topics.length ? topicsTable : 'no topics tracked'].join('\n');
}

async function list(options: ConnectionOptions & { json?: boolean }): Promise<void> {
  const { client } = connect(options);
  const { body } = await client.request('GET', '/watchlist', undefined, { expect: answerShape(WatchlistAnswer) });
  process.stdout.write(options.json ? `${JSON.stringify(body, null, 2)}\n` : `${watchlistText(body)}\n`);
}

interface AddPersonOptions extends ConnectionOptions {
  name: string;
  alias?: string[];
  surname?: string;
  surnameRule?: string;
  exclude?: string[];
}

const PERSON_OPTIONS: Record<string, string> = {
  exclude: '--exclude',
  id: '<id>',
  name: '--name',
  aliases: '--alias',
  surname: '--surname',
  surnameRule: '--surname-rule',
};

/** The PUT body, validated with the watchlist file's own schema so errors come before any request. */
export function personEntry(id: string, options: AddPersonOptions): Omit<PersonEntry, 'id'> {
  const entry = {
    id,
    name: options.name,
    ...(options.alias?.length && { aliases: options.alias }),
    ...(options.surname !== undefined && { surname: options.surname }),
    ...(options.surnameRule !== undefined && { surnameRule: options.surnameRule }),
    ...(options.exclude?.length && { exclude: options.exclude }),
  };
  const parsed = PersonEntry.safeParse(entry);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.code === 'unrecognized_keys' ? undefined : issue.path[0];
    throw new UsageError(`${PERSON_OPTIONS[String(field)] ?? '<id>'}: ${issue.message}`);
  }
  const { id: _id, ...body } = parsed.data;
  return body;
}

async function addPerson(id: string, options: AddPersonOptions): Promise<void> {
  const body = personEntry(id, options);
  const { client } = connect(options);
  const { status } = await client.request('PUT', `/watchlist/people/${id}`, body, {
    expect: answerShape(WatchlistPersonAnswer),
  });
  process.stdout.write(`${status === 201 ? 'added' : 'updated'} person ${id} (${body.name})\n`);
}

/** A topic definition file: its `id`, if any, must be the one on the command line. */
export async function topicBody(id: string, file: string | undefined, exclude: string[] = []): Promise<Record<string, unknown>> {
  const excludeField = exclude.length ? { exclude } : {};
  if (file === undefined) {
    // The schema's own message speaks of the file format ("terms" and "rules"); on the command line that is --file.
    if (!BUILTIN_TOPIC_IDS.includes(id))
      throw new UsageError(
        `add-topic ${id}: not a built-in topic (built in: ${BUILTIN_TOPIC_IDS.join(', ')}); a topic of your own needs --file DEF.json with its full definition (docs/tagging.md, "Topic definition format")`,
      );
    validated({ topics: [{ id, ...excludeField }] }, 'add-topic');
    return excludeField;
  }
  let bytes: Buffer;
  try {
    // The definition travels as one request body: the most an API takes is the most worth reading.
    bytes = readFileAtMost(file, MAX_BODY_LIMIT);
  } catch (error) {
    throw new UsageError(`--file ${file}: ${readProblem(error)}`);
  }
  const text = utf8Text(bytes);
  if ('problem' in text) throw new UsageError(`--file ${file}:${text.line}: ${text.problem}`);
  if (withoutByteOrderMark(text.text).trim() === '')
    throw new UsageError(`--file ${file}: the file is empty (it must hold one JSON object)`);
  let definition: unknown;
  try {
    definition = JSON.parse(withoutByteOrderMark(text.text));
  } catch (error) {
    throw new UsageError(`--file ${file}: not valid JSON (${oneLine((error as Error).message)})`);
  }
  if (typeof definition !== 'object' || definition === null || Array.isArray(definition))
    throw new UsageError(`--file ${file}: must hold one JSON object`);
  const fileId = (definition as { id?: unknown }).id;
  if (fileId !== undefined && fileId !== id) throw new UsageError(`--file ${file}: its id "${String(fileId)}" differs from <id> "${id}"`);
  const fileExclude = (definition as { exclude?: unknown }).exclude;
  const merged = exclude.length ? { exclude: [...(Array.isArray(fileExclude) ? fileExclude : []), ...exclude] } : {};
  validated({ topics: [{ ...definition, ...merged, id }] }, `--file ${file}`);
  const body: Record<string, unknown> = { ...(definition as Record<string, unknown>), ...merged };
  delete body.id;
  return body;
}

async function addTopic(id: string, options: ConnectionOptions & { file?: string; exclude?: string[] }): Promise<void> {
  const body = await topicBody(id, options.file, options.exclude);
  const { client } = connect(options);
  const { status } = await client.request('PUT', `/watchlist/topics/${id}`, body, {
    expect: answerShape(WatchlistTopicAnswer),
  });
  process.stdout.write(`${status === 201 ? 'added' : 'updated'} topic ${id}${options.file ? '' : ' (built-in definition)'}\n`);
}

function validated(input: { people?: unknown[]; topics?: unknown[] }, source: string) {
  try {
    return parseWatchlist({ people: [], topics: [], ...input }, source);
  } catch (error) {
    if (error instanceof WatchlistError) throw new UsageError(`${source}: invalid entry`, error.issues);
    throw error;
  }
}
