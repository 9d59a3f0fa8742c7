import { createReadStream, readFileSync } from 'node:fs';
import type { Readable } from 'node:stream';
import type { Command } from 'commander';
import type * as z from 'zod';
import { LenientArticleInput } from '../../core/article';
import { createTagger, type Tagger } from '../../core/tagger';
import { WatchlistError, defaultWatchlist, parseWatchlistJson, type Watchlist } from '../../core/watchlist';

/**
 * `newswatch tag [--watchlist FILE] [--jsonl] [FILE ... | -]` (contract: docs/api.md, "Tagging offline").
 * Writes one JSON line per article, in input order. A bad article (bad JSON, wrong field) is reported
 * on stderr as "FILE[:LINE]: field "x": reason" and produces no output line; the others are still
 * tagged and written, and the command exits 2 at the end. Extra article fields are ignored.
 */
export function registerTag(program: Command): void {
  program
    .command('tag')
    .description('Tag articles offline: people and topics with evidence, as JSON Lines on stdout')
    .option('--watchlist <file>', 'watchlist JSON file (default: the shipped watchlist)')
    .option('--jsonl', 'input is JSON Lines, one article a line (default: each FILE holds one article)')
    .argument('[files...]', 'article files; "-" or none reads stdin')
    .addHelpText(
      'after',
      '\nExit status: 0 all articles tagged; 2 bad input (each bad file/line is named on stderr; good ones are still written).\n',
    )
    .action(async (files: string[], opts: { watchlist?: string; jsonl?: boolean }) => {
      process.exitCode = await runTag(files, opts);
    });
}

class Output {
  private buffer = '';
  constructor(private readonly out: NodeJS.WritableStream) {}

  async line(text: string): Promise<void> {
    this.buffer += `${text}\n`;
    if (this.buffer.length >= 1 << 16) await this.flush();
  }

  async flush(): Promise<void> {
    const chunk = this.buffer;
    this.buffer = '';
    if (chunk && !this.out.write(chunk)) await new Promise((resolve) => this.out.once('drain', resolve));
  }
}

function loadWatchlist(file: string | undefined): Watchlist {
  if (!file) return defaultWatchlist;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new WatchlistError([`cannot read the file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`], file);
  }
  return parseWatchlistJson(text.replace(/^\uFEFF/, ''), file);
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => (i.path.length ? `field "${i.path.join('.')}": ${i.message}` : `article: ${i.message}`)).join('; ');
}

/** Tags one article's JSON text: the output line, or an error message (without location). */
function tagOne(tagger: Tagger, json: string): { line: string } | { error: string } {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (err) {
    return { error: `not valid JSON: ${(err as Error).message}` };
  }
  const parsed = LenientArticleInput.safeParse(data);
  if (!parsed.success) return { error: describeIssues(parsed.error) };
  const { people, topics } = tagger.tag(parsed.data);
  return { line: JSON.stringify({ id: parsed.data.id ?? null, people, topics }) };
}

function open(file: string): Readable {
  if (file === '-') return process.stdin;
  return createReadStream(file, { highWaterMark: 1 << 20 });
}

async function readAll(file: string): Promise<string> {
  let text = '';
  for await (const chunk of open(file).setEncoding('utf8')) text += chunk;
  return text;
}

/** Yields [lineNumber, text] for each line of a stream, without holding the whole input. */
async function* lines(file: string): AsyncGenerator<[number, string]> {
  let rest = '';
  let n = 0;
  for await (const chunk of open(file).setEncoding('utf8')) {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop()!;
    for (const part of parts) yield [++n, part];
  }
  if (rest) yield [++n, rest];
}

/** Runs the command; returns the exit status (0 ok, 2 bad input). */
export async function runTag(
  files: string[],
  opts: { watchlist?: string; jsonl?: boolean },
  out: NodeJS.WritableStream = process.stdout,
  err: NodeJS.WritableStream = process.stderr,
): Promise<number> {
  let tagger: Tagger;
  try {
    tagger = createTagger(loadWatchlist(opts.watchlist));
  } catch (e) {
    if (!(e instanceof WatchlistError)) throw e;
    err.write(`newswatch tag: ${e.message}\n`);
    return 2;
  }
  const output = new Output(out);
  let bad = 0;
  const report = (where: string, message: string) => {
    bad++;
    err.write(`newswatch tag: ${where}: ${message}\n`);
  };
  for (const file of files.length ? files : ['-']) {
    const name = file === '-' ? 'stdin' : file;
    try {
      if (opts.jsonl) {
        for await (const [n, raw] of lines(file)) {
          const text = (n === 1 ? raw.replace(/^\uFEFF/, '') : raw).replace(/\r$/, '');
          if (!text.trim()) continue;
          const result = tagOne(tagger, text);
          if ('line' in result) await output.line(result.line);
          else report(`${name}:${n}`, result.error);
        }
      } else {
        const result = tagOne(tagger, (await readAll(file)).replace(/^\uFEFF/, ''));
        if ('line' in result) await output.line(result.line);
        else report(name, result.error + (result.error.startsWith('not valid JSON') ? ' (one article per line? use --jsonl)' : ''));
      }
    } catch (e) {
      report(name, `cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
  }
  await output.flush();
  return bad > 0 ? 2 : 0;
}
