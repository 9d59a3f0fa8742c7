import { isUtf8 } from 'node:buffer';
import { closeSync, openSync, readSync } from 'node:fs';
import { MAX_BODY_LIMIT } from '../../core/article-limits';

/** A file that holds more than its reader takes; `readProblem` says so in words. */
export class FileTooLarge extends Error {
  constructor(maxBytes: number) {
    super(`larger than ${maxBytes / (1024 * 1024)} MiB, more than this command reads (not read further)`);
  }
}

/**
 * Why a file given on the command line could not be read, in words: `no such file`, `is a folder, not a
 * file`, rather than the bare error code (`cannot read (EISDIR)`) the user would have to look up.
 */
export function readProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a folder, not a file';
  if (code === 'EACCES' || code === 'EPERM') return 'no permission to read it';
  if (error instanceof FileTooLarge) return error.message;
  return `cannot read (${code ?? (error as Error)?.message ?? String(error)})`;
}

/** A file name argument that is empty (`newswatch push "$FILE"` with FILE unset): named as such, not as a file called "". */
export const isEmptyName = (name: string): boolean => name.trim() === '';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** What is said of an input that is not UTF-8, after its name and line. */
export const NOT_UTF8 = 'not UTF-8 text (save it as UTF-8, e.g. with `iconv -f latin1 -t utf-8`)';

/** What is said of an input that starts with a UTF-16 byte order mark (what Windows PowerShell 5 writes with `>`). */
export const UTF16_TEXT = 'UTF-16 text, not UTF-8 (save it as UTF-8, e.g. with `iconv -f utf-16 -t utf-8`)';
/** What is said of valid UTF-8 too long for one JavaScript string (V8 stops at about 512 MiB). */
export const TEXT_TOO_LONG = 'more text than one string holds (about 512 MiB): split it, one article per line with --jsonl';

const isUtf16 = (bytes: Uint8Array) => (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);

/**
 * The text of a JSON input, which must be UTF-8: decoded leniently, a Latin-1 `é` would become U+FFFD
 * and go on as such, the article's text silently changed. Returns the text, or the line that could not be
 * read and why: the first byte that is not UTF-8 (a UTF-16 file named as such), or text too long for a
 * string. A byte order mark is dropped, as the decoder does.
 */
export function utf8Text(
  bytes: Uint8Array,
  decode: (bytes: Uint8Array) => string = (b) => strictUtf8.decode(b),
): { text: string } | { line: number; problem: string } {
  try {
    return { text: decode(bytes) };
  } catch {
    return isUtf8(bytes) ? { line: 1, problem: TEXT_TOO_LONG } : notUtf8(bytes);
  }
}

/** Where bytes that are not UTF-8 first go wrong, and what to say of them: UTF-16 named as such. */
export function notUtf8(bytes: Uint8Array): { line: number; problem: string } {
  if (isUtf16(bytes)) return { line: 1, problem: UTF16_TEXT };
  return { line: linesNotUtf8(bytes, 1)[0] ?? 1, problem: NOT_UTF8 };
}

const LINE_FEED = 0x0a;

/**
 * The 1-based numbers of the lines that hold a byte that is not UTF-8 (at most `most` of them), found line
 * by line in the bytes themselves: a line feed is never part of a longer UTF-8 sequence, and a replacement
 * character the input holds as text is no sign of a bad byte (a lenient decode's first U+FFFD can be one).
 */
export function linesNotUtf8(bytes: Uint8Array, most = Number.POSITIVE_INFINITY): number[] {
  const lines: number[] = [];
  for (let start = 0, line = 1; start <= bytes.length && lines.length < most; line++) {
    const feed = bytes.indexOf(LINE_FEED, start);
    const end = feed === -1 ? bytes.length : feed;
    if (!isUtf8(bytes.subarray(start, end))) lines.push(line);
    start = end + 1;
  }
  return lines;
}

/** What is said of an input line longer than MAX_BODY_LIMIT, after the input's name and the line's number. */
export const LINE_TOO_LONG = `line longer than ${MAX_BODY_LIMIT / (1024 * 1024)} MiB, the largest request body a newswatch API takes (MAX_BODY_BYTES at its highest): no article that long can be sent; the rest of the input was not read`;

const CARRIAGE_RETURN = 0x0d;

/**
 * Whether a line of `length` bytes (without its line feed) whose last byte is `last` is longer than `maxLine`:
 * a carriage return that ends it is the line break of CRLF text, not its content, so it is not counted.
 */
export function lineTooLong(length: number, last: number | undefined, maxLine = MAX_BODY_LIMIT): boolean {
  return length - (length > 0 && last === CARRIAGE_RETURN ? 1 : 0) > maxLine;
}

/** An input read whole, or the 1-based number of its first line longer than the limit (read no further). */
export type BoundedRead = { bytes: Buffer } | { longLineAt: number };

/**
 * Reads a stream of bytes whole, but never a line (bytes between line feeds) longer than `maxLine`: as soon
 * as one passes it, reading stops and that line's number is returned, so `/dev/zero`, a huge file with no
 * line feed or a pipe that never sends one costs at most `maxLine` bytes and a chunk, not all memory.
 */
export async function readLinesBounded(stream: AsyncIterable<Uint8Array>, maxLine = MAX_BODY_LIMIT): Promise<BoundedRead> {
  const chunks: Buffer[] = [];
  let line = 1;
  let lineBytes = 0;
  /** The last byte read before this chunk. */
  let previous: number | undefined;
  for await (const data of stream) {
    const chunk = Buffer.isBuffer(data) ? data : Buffer.from(data);
    let start = 0;
    for (let feed = chunk.indexOf(LINE_FEED); feed !== -1; feed = chunk.indexOf(LINE_FEED, start)) {
      if (lineTooLong(lineBytes + (feed - start), feed > 0 ? chunk[feed - 1] : previous, maxLine)) return { longLineAt: line };
      line++;
      lineBytes = 0;
      start = feed + 1;
    }
    lineBytes += chunk.length - start;
    // The line may end in a carriage return whose line feed is in the next chunk.
    if (chunk.length > 0) previous = chunk[chunk.length - 1];
    if (lineTooLong(lineBytes, previous, maxLine)) return { longLineAt: line };
    chunks.push(chunk);
  }
  return { bytes: Buffer.concat(chunks) };
}

const READ_CHUNK_BYTES = 1024 * 1024;

/**
 * A file's bytes, read whole but never more than `maxBytes`: `readFileSync` of `/dev/zero`, a FIFO that never
 * closes or a mistaken multi-gigabyte file would take all memory first. Throws FileTooLarge past the bound,
 * and the file system's own errors as they are.
 */
export function readFileAtMost(path: string, maxBytes: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(READ_CHUNK_BYTES);
      const read = readSync(fd, chunk, 0, READ_CHUNK_BYTES, null);
      if (read === 0) return Buffer.concat(chunks, total);
      total += read;
      if (total > maxBytes) throw new FileTooLarge(maxBytes);
      chunks.push(read === READ_CHUNK_BYTES ? chunk : chunk.subarray(0, read));
    }
  } finally {
    closeSync(fd);
  }
}
