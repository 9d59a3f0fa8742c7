import { oneLine } from '../../core/text/one-line';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type * as z from 'zod';
import { ArticleInput } from '../../core/article';
import { withoutByteOrderMark } from '../../core/text/byte-order-mark';
import { UsageError } from '../support/cli-errors';
import {
  type BoundedRead,
  FileTooLarge,
  isEmptyName,
  LINE_TOO_LONG,
  readFileAtMost,
  readLinesBounded,
  readProblem,
  utf8Text,
} from '../support/input-file';
import { articleStartLines, jsonErrorLine, looksLikeJsonLines } from './json-lines';

/**
 * Reads what `push` was given — JSON files (one article, an array, or `{"articles": [...]}`), JSON Lines,
 * folders of such files, or stdin — and validates every article locally with the contract schema,
 * so a bad article is reported with its file:line and field and never sent.
 *
 * Rule: input that cannot be read or parsed as a whole (missing file, a .json file that is not JSON)
 * is a usage error (exit 2, nothing sent); a bad article or a bad JSON Lines line is one rejection
 * and the rest go on.
 */
export interface SourcedArticle {
  readonly article: ArticleInput;
  /** Where it came from, for messages: `file:line`. */
  readonly origin: string;
}

export interface Rejection {
  readonly origin: string;
  readonly reason: string;
}

export interface ParsedInput {
  readonly articles: SourcedArticle[];
  readonly rejected: Rejection[];
}

/** What `push` read: the articles, and how many files (and whether stdin) held them, for the summary. */
export interface ReadInputs extends ParsedInput {
  readonly files: number;
  readonly stdin: boolean;
}

export type InputFormat = 'auto' | 'jsonl';

const JSON_LINES_EXTENSIONS = new Set(['.jsonl', '.ndjson']);
const FOLDER_EXTENSIONS = new Set(['.json', '.jsonl', '.ndjson']);
export const STDIN_NAME = '<stdin>';

/** Parses one input's text; `name` is used in messages and picks JSON Lines by extension. */
export function parseArticleText(input: string, name: string, format: InputFormat = 'auto'): ParsedInput {
  const text = withoutByteOrderMark(input);
  if (text.trim().length === 0) throw new UsageError(`${name}: empty input, no articles`);
  if (format === 'jsonl' || JSON_LINES_EXTENSIONS.has(extname(name).toLowerCase())) return parseJsonLines(text, name);
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    if (looksLikeJsonLines(text)) return parseJsonLines(text, name);
    const line = jsonErrorLine(text, error);
    throw new UsageError(`${name}${line === undefined ? '' : `:${line}`}: not valid JSON (${oneLine((error as Error).message)})`);
  }
  return parseJsonDocument(document, text, name);
}

function parseJsonDocument(document: unknown, text: string, name: string): ParsedInput {
  const wrapped = isRecord(document) && Array.isArray(document.articles);
  // The batch shape is POST /articles's own body, which refuses any other field: so does push, rather than
  // sending the articles and dropping the rest unread.
  const besideArticles = wrapped ? Object.keys(document).find((key) => key !== 'articles') : undefined;
  if (besideArticles !== undefined) {
    throw new UsageError(
      `${name}: ${besideArticles}: unknown field beside "articles" (a file holds one article, an array, or {"articles": [...]})`,
    );
  }
  const elements: unknown[] = Array.isArray(document) ? document : wrapped ? (document.articles as unknown[]) : [document];
  // `[]` or `{"articles": []}` holds no article, as an empty file does (the API refuses an empty batch).
  if (elements.length === 0) throw new UsageError(`${name}: empty input, no articles`);
  const many = Array.isArray(document) || wrapped;
  const lines = articleStartLines(text);
  const result: ParsedInput = { articles: [], rejected: [] };
  elements.forEach((element, index) => {
    const line = lines.length === elements.length ? lines[index] : undefined;
    const origin = `${name}${line !== undefined ? `:${line}` : ''}${many ? ` (article ${index + 1})` : ''}`;
    addValidated(result, element, origin);
  });
  return result;
}

function parseJsonLines(text: string, name: string): ParsedInput {
  const result: ParsedInput = { articles: [], rejected: [] };
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line.length === 0) return;
    const origin = `${name}:${index + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      result.rejected.push({ origin, reason: `not valid JSON (${oneLine((error as Error).message)})` });
      return;
    }
    addValidated(result, value, origin);
  });
  return result;
}

function addValidated(into: ParsedInput, value: unknown, origin: string): void {
  if (!isRecord(value)) {
    into.rejected.push({ origin, reason: 'an article must be a JSON object' });
    return;
  }
  const parsed = ArticleInput.safeParse(value);
  if (parsed.success) into.articles.push({ article: parsed.data, origin });
  else into.rejected.push({ origin, reason: describeIssues(parsed.error.issues) });
}

/** zod issues as `field: reason; field: reason` — the field first, as the HTTP API reports them. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => {
      if (issue.code === 'unrecognized_keys') return `${issue.keys.join(', ')}: unknown field`;
      const field = issue.path.map(String).join('.') || 'article';
      return `${field}: ${issue.message}`;
    })
    .join('; ');
}

export interface ReadOptions {
  format?: InputFormat;
  readStdin?: () => Promise<string>;
}

/** Reads every path (file, folder, or `-` for stdin) in order and merges what they hold. */
export async function readArticleInputs(paths: readonly string[], options: ReadOptions = {}): Promise<ReadInputs> {
  if (paths.filter((p) => p === '-').length > 1) throw new UsageError('-: stdin can be read only once');
  const merged = { articles: [] as SourcedArticle[], rejected: [] as Rejection[], files: 0, stdin: paths.includes('-') };
  for (const path of paths) {
    for (const source of await expand(path, options)) {
      if (path !== '-') merged.files++;
      const parsed = parseArticleText(source.text, source.name, options.format);
      // One push per item: a spread passes each as an argument, and a file of 300,000 articles overflowed the stack.
      for (const article of parsed.articles) merged.articles.push(article);
      for (const rejected of parsed.rejected) merged.rejected.push(rejected);
    }
  }
  return merged;
}

interface Source {
  name: string;
  text: string;
}

async function expand(path: string, options: ReadOptions): Promise<Source[]> {
  if (path === '-') return [{ name: STDIN_NAME, text: await (options.readStdin ?? readStdin)() }];
  if (isEmptyName(path)) throw new UsageError('<inputs>: an empty file name was given (a variable that was not set?)');
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`${path}: ${error.code === 'ENOENT' ? 'no such file or folder' : readProblem(error)}`);
  });
  if (info.isDirectory()) {
    const names = (await readdir(path)).filter((n) => FOLDER_EXTENSIONS.has(extname(n).toLowerCase())).sort();
    if (names.length === 0) throw new UsageError(`${path}: no .json, .jsonl or .ndjson files in this folder`);
    return Promise.all(names.map(async (n) => ({ name: join(path, n), text: await readText(join(path, n), options.format) })));
  }
  return [{ name: path, text: await readText(path, options.format) }];
}

/** Files are read a mebibyte at a time, as `tag` reads them. */
const READ_CHUNK = 1 << 20;

/**
 * The most `push` reads of one `.json` file. A JSON document may hold any number of articles on one line,
 * so a `.json` file is bounded by its whole size, not by the line bound of JSON Lines (10 MiB, one
 * article's most): well within the longest text V8 makes (2^29 characters), its bytes, text and
 * articles in memory at once.
 */
export const MAX_JSON_FILE_BYTES = 256 * 1024 * 1024;

async function readText(path: string, format: InputFormat = 'auto'): Promise<string> {
  if (format !== 'jsonl' && extname(path).toLowerCase() === '.json') return readJsonFile(path);
  let read: BoundedRead;
  try {
    read = await readLinesBounded(createReadStream(path, { highWaterMark: READ_CHUNK }));
  } catch (error) {
    throw new UsageError(`${path}: ${readProblem(error)}`);
  }
  return decoded(read, path);
}

function readJsonFile(path: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileAtMost(path, MAX_JSON_FILE_BYTES);
  } catch (error) {
    if (!(error instanceof FileTooLarge)) throw new UsageError(`${path}: ${readProblem(error)}`);
    throw new UsageError(
      `${path}: larger than ${MAX_JSON_FILE_BYTES / (1024 * 1024)} MiB, the most push reads of one .json file (not read further); write its articles as JSON Lines, one a line, or split it`,
    );
  }
  return decoded({ bytes }, path);
}

/**
 * The input as UTF-8 text; a line too long to send or bytes that are not UTF-8 are a usage error naming the
 * input and the line (nothing is sent).
 */
function decoded(read: BoundedRead, name: string): string {
  if ('longLineAt' in read) throw new UsageError(`${name}:${read.longLineAt}: ${LINE_TOO_LONG}`);
  const result = utf8Text(read.bytes);
  if ('problem' in result) throw new UsageError(`${name}:${result.line}: ${result.problem}`);
  return result.text;
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new UsageError('-: stdin is a terminal; pipe articles in, e.g. `cat articles.jsonl | newswatch push -`');
  return decoded(await readLinesBounded(process.stdin), STDIN_NAME);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
