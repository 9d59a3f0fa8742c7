/**
 * Control characters, the byte order mark, the line and paragraph separators and the bidirectional
 * controls and marks: invisible, a line break, or text that reads in another order than it is, in a message
 * quoting input.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are what it escapes.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\ufeff\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const SHORT_ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
const HEX_DIGITS = 4;

/**
 * `message` on one line, its unprintable characters written as escapes (`\n`, `\ufeff`): JSON.parse's
 * message quotes the input around the error, and a quoted line break split one error over two lines of
 * stderr, a quoted byte order mark showed as nothing.
 */
export function oneLine(message: string): string {
  return message.replace(UNPRINTABLE, (c) => SHORT_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(HEX_DIGITS, '0')}`);
}
