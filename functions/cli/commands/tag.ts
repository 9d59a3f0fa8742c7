import { isAscii, isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { open as openFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { Command } from 'commander';
import type { Tagger } from '../../core/tagger';
import { withoutByteOrderMark } from '../../core/text/byte-order-mark';
import { wholeNumberForm } from '../../core/text/decimal-integer';
import { WatchlistError } from '../../core/watchlist';
import { defaultCacheDir, type MatcherCache } from '../support/matcher-cache';
import { checkBatch, tagBatch, tagOne, type Batch, type BatchResult } from '../support/tag-batch';
import { fileName } from '../support/options';
import { printableLines } from '../support/cli-errors';
import { isEmptyName, LINE_TOO_LONG, lineTooLong, linesNotUtf8, readLinesBounded, readProblem, utf8Text } from '../support/input-file';
import { looksLikeJsonLines } from '../push/json-lines';
import { loadTagger, readWatchlistFile, type MatcherSource } from '../support/tag-matcher';
import { PoolStartError, TagPool, TagThreadStopped } from '../support/tag-pool';
import type { StartingWorker } from '../support/tag-spawn';
import { defaultThreads, MAX_THREADS, threadCount } from '../support/thread-count';

/** JSON Lines input is cut into batches of about this many bytes (whole lines) for the threads. */
const BATCH_BYTES = 1 << 18;
/** Batches handed out and not yet written, per tagging thread: enough to keep every one busy, bounded memory. */
const IN_FLIGHT_PER_THREAD = 3;
const READ_CHUNK = 1 << 20;
const WRITE_CHUNK = 1 << 16;

export interface TagOptions {
  watchlist?: string;
  jsonl?: boolean;
  /** false: neither read nor write the matcher cache. */
  cache?: boolean;
  threads?: number;
}

/** How this process can run the command: where its code lives (for worker threads) and what the code is (for the cache key). */
export interface TagRuntime {
  /** A module that runs runTagWorker when loaded in a worker thread (the tagging threads' bundle); none: tag on the main thread. */
  workerEntry?: URL;
  /** Tagging threads started before the arguments were parsed (see tag-early.ts): used first, or ended if not needed. */
  early?: StartingWorker[];
  /** The matcher cache; none: always build. */
  cache?: MatcherCache;
  /**
   * Called after the matcher is loaded and after each batch when this thread tags (the CLI passes
   * youngGenerationHold, support/young-generation.ts; a test's process keeps its own heap settings).
   */
  afterTagging?: () => void;
}

/**
 * `newswatch tag [--watchlist FILE] [--jsonl] [FILE ... | -]` (contract: docs/api.md, "Tagging offline").
 * Writes one JSON line per article, in input order. A bad article (bad JSON, wrong field) is reported
 * on stderr as "FILE[:LINE]: field "x": reason" and produces no output line; the others are still
 * tagged and written, and the command exits 2 at the end. Extra article fields are ignored.
 */
export function registerTag(program: Command, runtime: () => TagRuntime = () => ({})): void {
  program
    .command('tag')
    .description('Tag articles offline: people and topics with evidence, as JSON Lines on stdout')
    .option('--watchlist <file>', 'watchlist JSON file (default: the shipped watchlist)', fileName)
    .option('--jsonl', 'input is JSON Lines, one article a line (default: each FILE holds one article)')
    .option('--no-cache', `neither read nor keep the compiled matcher for --watchlist FILE (kept in ${defaultCacheDir()})`)
    .option(
      '--threads <n>',
      'threads for --jsonl input: the main thread reads, checks and writes, the others tag (default: one per idle CPU core, at most 4, but 1 while fewer than 3 cores are idle; 1: all on the main thread)',
      parseThreads,
    )
    .argument('[files...]', 'article files; "-" or none reads stdin')
    .addHelpText(
      'after',
      '\nExit status: 0 all articles tagged; 2 bad input (each bad file/line is named on stderr; good ones are still written).\n',
    )
    .action(async (files: string[], opts: TagOptions) => {
      process.exitCode = await runTag(files, opts, process.stdout, process.stderr, runtime());
    });
}

function parseThreads(value: string): number {
  const n = threadCount(value);
  if (n === undefined) {
    process.stderr.write(`newswatch tag: --threads must be ${wholeNumberForm(1, MAX_THREADS)}, not "${printableLines(value)}"\n`);
    process.exit(2);
  }
  return n;
}

class Output {
  private buffer = '';
  constructor(private readonly out: NodeJS.WritableStream) {}

  async write(text: string): Promise<void> {
    this.buffer += text;
    if (this.buffer.length >= WRITE_CHUNK) await this.flush();
  }

  async flush(): Promise<void> {
    const chunk = this.buffer;
    this.buffer = '';
    if (chunk && !this.out.write(chunk)) await new Promise((resolve) => this.out.once('drain', resolve));
  }
}

function open(file: string): Readable {
  if (file === '-') return process.stdin;
  return createReadStream(file, { highWaterMark: READ_CHUNK });
}

/**
 * A file's bytes a chunk at a time, each read into the same buffer: a chunk is good only until the next one
 * is asked for. A read stream allocates a fresh buffer per chunk, and the first touch of each new page of
 * memory is dear here (≈ 10 µs a page on this machine's sandbox): reading the bench's 15 MB through a
 * stream took 88–128 ms, into one reused buffer 11 ms (docs/benchmarks.md, "Tagger").
 */
async function* chunksOf(file: string): AsyncGenerator<Buffer> {
  if (file === '-') {
    yield* process.stdin as AsyncIterable<Buffer>;
    return;
  }
  const handle = await openFile(file, 'r');
  try {
    const buffer = Buffer.allocUnsafeSlow(READ_CHUNK);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, READ_CHUNK, null);
      if (bytesRead === 0) return;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}

/** An input refused at one of its lines (a line too long to send, or a one-article file that is not UTF-8). */
class RefusedInput extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

/** A one-article input's text; RefusedInput for a line longer than any request body (read no further) or bytes that are not UTF-8. */
async function readArticle(file: string): Promise<string> {
  const read = await readLinesBounded(open(file));
  if ('longLineAt' in read) throw new RefusedInput(read.longLineAt, LINE_TOO_LONG);
  const text = utf8Text(read.bytes);
  if ('problem' in text) throw new RefusedInput(text.line, text.problem);
  return text.text;
}

const LINE_FEED = 0x0a;

/**
 * A run of whole lines as strings, decoded line by line: V8 keeps a string over 128 KB in its large-object
 * space, and allocating one per batch cost ≈ 5 × what decoding the same bytes a line at a time does. ASCII
 * (checked natively) is decoded as latin1, a plain copy that gives the same text.
 */
function linesOf(bytes: Buffer): string[] {
  const encoding = isAscii(bytes) ? 'latin1' : 'utf8';
  const lines: string[] = [];
  let start = 0;
  for (let feed = bytes.indexOf(LINE_FEED); feed >= 0; feed = bytes.indexOf(LINE_FEED, start)) {
    lines.push(bytes.toString(encoding, start, feed));
    start = feed + 1;
  }
  if (start < bytes.length) lines.push(bytes.toString(encoding, start));
  return lines;
}

/**
 * Whole lines as a batch. The bytes are checked to be UTF-8 natively (far faster than decoding them); only
 * a batch that is not is searched line by line for its bad lines, which checkBatch then reports.
 */
function batchOf(bytes: Buffer, firstLine: number, where: string): Batch {
  const batch: Batch = { lines: linesOf(bytes), firstLine, where };
  if (!isUtf8(bytes)) batch.notUtf8 = linesNotUtf8(bytes).map((line) => firstLine + line - 1);
  return batch;
}

/**
 * Yields a file's JSON Lines as batches of whole lines (about BATCH_BYTES each), without holding the whole
 * input. A line longer than any request body (MAX_BODY_LIMIT) stops the input with RefusedInput once that
 * much of it was read: the batches before it have been yielded, the rest is never read.
 */
async function* batches(file: string, where: string): AsyncGenerator<Batch> {
  let rest: Buffer = Buffer.alloc(0);
  let firstLine = 1;
  for await (const chunk of chunksOf(file)) {
    // `rest` holds no line feed: only its line can pass the limit, every other line of the chunk is shorter than the chunk.
    const feed = chunk.indexOf(LINE_FEED);
    const end = feed === -1 ? chunk.length : feed;
    const last = end > 0 ? chunk[end - 1] : rest[rest.length - 1];
    if (lineTooLong(rest.length + end, last)) throw new RefusedInput(firstLine, LINE_TOO_LONG);
    if (feed === -1) {
      rest = Buffer.concat([rest, chunk]); // a copy: the chunk's buffer is read into again
      continue;
    }
    let bytes = chunk;
    if (rest.length > 0) {
      // Only the line cut by the chunk's start is copied: the whole chunk once per chunk was a copy of all the input.
      yield batchOf(Buffer.concat([rest, chunk.subarray(0, feed + 1)]), firstLine, where);
      firstLine++;
      bytes = chunk.subarray(feed + 1);
    }
    let start = 0;
    for (;;) {
      const cut = bytes.length - start > BATCH_BYTES ? bytes.indexOf(LINE_FEED, start + BATCH_BYTES) : -1;
      const end = cut >= 0 ? cut : bytes.lastIndexOf(LINE_FEED);
      if (end < start) break;
      const batch = bytes.subarray(start, end + 1);
      const checked = batchOf(batch, firstLine, where);
      yield checked;
      firstLine += checked.lines.length;
      start = end + 1;
      if (cut < 0) break;
    }
    // A copy of the cut line's start (shorter than a line): the chunk's buffer is read into again.
    rest = Buffer.from(bytes.subarray(start));
  }
  if (rest.length > 0) yield batchOf(rest, firstLine, where);
}

/** Tags batches on the main thread, or on worker threads, always handing results back in input order. */
interface Tagging {
  run(batch: Batch): Promise<BatchResult> | BatchResult;
  inFlight: number;
  close(): Promise<void>;
}

/** What a run tags with: the matcher's source, the tagging (here or on threads) and the tagger of this thread, if any. */
interface Setup {
  source: MatcherSource;
  tagging: Tagging;
  tagger?: Tagger;
  /** Settles once the tagging threads have their matchers (at once without threads); rejects as TagPool.started does. */
  started: Promise<void>;
}

/**
 * Reads the watchlist file and starts the tagging: on worker threads for --jsonl with more than one
 * thread (not awaited: see TagPool.start), else on this thread. Throws WatchlistError for a bad watchlist
 * read here; the threads report theirs through `started`.
 */
function startTagging(opts: TagOptions, runtime: TagRuntime, threads: number): Setup {
  const early = runtime.early ?? [];
  const entry = opts.jsonl && threads > 1 ? runtime.workerEntry : undefined;
  const workers = entry ? threads - 1 : 0;
  // Ends the threads started on a guess at the arguments (tag-early.ts) from `from` on: those this run does not use.
  const endEarly = (from: number) => {
    for (const unused of early.splice(from)) void unused.worker.terminate();
  };
  endEarly(workers);
  let source: MatcherSource;
  try {
    source = {
      watchlist: opts.watchlist === undefined ? undefined : readWatchlistFile(opts.watchlist),
      cache: opts.cache === false ? undefined : runtime.cache,
    };
  } catch (e) {
    endEarly(0);
    throw e;
  }
  if (entry) {
    const pool = TagPool.start(entry, workers, source, early.splice(0));
    const run = (b: Batch) => {
      const { articles, errors } = checkBatch(b);
      return pool.run(articles).then((out) => ({ out, errors }));
    };
    return { source, tagging: { run, inFlight: workers * IN_FLIGHT_PER_THREAD, close: () => pool.close() }, started: pool.started };
  }
  const here = loadTagger(source);
  const after = runtime.afterTagging ?? (() => undefined);
  after();
  const run = (b: Batch) => {
    const result = tagBatch(here, b);
    after();
    return result;
  };
  return {
    source,
    tagger: here,
    tagging: { run, inFlight: 1, close: async () => undefined },
    started: Promise.resolve(),
  };
}

/** Runs the command; returns the exit status (0 ok, 2 bad input). */
export async function runTag(
  files: string[],
  opts: TagOptions,
  out: NodeJS.WritableStream = process.stdout,
  err: NodeJS.WritableStream = process.stderr,
  runtime: TagRuntime = {},
): Promise<number> {
  if (files.filter((file) => file === '-').length > 1) {
    err.write('newswatch tag: -: stdin can be read only once\n');
    return 2;
  }
  let setup: Setup;
  try {
    setup = startTagging(opts, runtime, opts.threads ?? defaultThreads());
  } catch (e) {
    if (!(e instanceof WatchlistError)) throw e;
    err.write(`newswatch tag: ${printableLines(e.message)}\n`);
    return 2;
  }
  const { source, tagging, started } = setup;
  let tagger = setup.tagger;
  const output = new Output(out);
  let bad = 0;
  const report = (message: string) => {
    bad++;
    err.write(`newswatch tag: ${printableLines(message)}\n`);
  };
  let stopReported = false;
  const queue: (Promise<BatchResult> | BatchResult)[] = [];
  const writeNext = async () => {
    const result = await queue.shift()!;
    for (const message of result.errors) report(message);
    await output.write(result.out);
  };
  try {
    for (const file of files.length ? files : ['-']) {
      const name = file === '-' ? 'stdin' : file;
      if (isEmptyName(file)) {
        report('[files...]: an empty file name was given (a variable that was not set?)');
        continue;
      }
      try {
        if (opts.jsonl) {
          for await (const batch of batches(file, name)) {
            const result = tagging.run(batch);
            // Awaited in order by writeNext; a stopped thread fails all it holds at once, and only the first is awaited then.
            if (result instanceof Promise) result.catch(() => undefined);
            queue.push(result);
            while (queue.length >= tagging.inFlight) await writeNext();
          }
          while (queue.length > 0) await writeNext();
        } else {
          const text = withoutByteOrderMark(await readArticle(file));
          if (text.trim() === '') {
            report(`${name}: empty: no article in it (it must hold one JSON article; with --jsonl, one a line)`);
            continue;
          }
          tagger ??= loadTagger(source);
          const result = tagOne(tagger, text);
          if ('line' in result) await output.write(`${result.line}\n`);
          else report(`${name}${result.jsonLine ? `:${result.jsonLine}` : ''}: ${result.error}${jsonLinesHint(result, text)}`);
        }
      } catch (e) {
        if (e instanceof PoolStartError) throw e;
        if (e instanceof TagThreadStopped) {
          queue.length = 0; // failed with the thread
          stopReported = true;
          report(`${name}: ${e.message}`);
          continue;
        }
        // A bad watchlist is reported alone, before any input's message, as when the threads were awaited first.
        await started.catch((startError) => {
          if (startError instanceof PoolStartError) throw startError;
        });
        while (queue.length > 0) await writeNext(); // the lines read before the failure
        report(e instanceof RefusedInput ? `${name}:${e.line}: ${e.message}` : `${name}: ${readProblem(e)}`);
      }
    }
    // An empty input never posted a batch: a bad watchlist, or a thread that stopped while starting, is still reported.
    await started.catch((e) => {
      if (!(e instanceof TagThreadStopped && stopReported)) throw e;
    });
    await output.flush();
  } catch (e) {
    if (!(e instanceof PoolStartError) && !(e instanceof TagThreadStopped)) throw e;
    // Every worker loads the same matcher: they all fail so, before their first batch, and no result was written.
    // A thread stopped while starting: nothing of its batches was written either.
    err.write(`newswatch tag: ${printableLines(e.message)}\n`);
    return 2;
  } finally {
    await tagging.close();
  }
  return bad > 0 ? 2 : 0;
}

/** For a file of one article that JSON.parse refused where it holds JSON Lines (the first line a value of its own), the flag it needs. */
function jsonLinesHint(result: { error: string }, text: string): string {
  return result.error.startsWith('not valid JSON') && looksLikeJsonLines(text) ? ' (one article per line? use --jsonl)' : '';
}
