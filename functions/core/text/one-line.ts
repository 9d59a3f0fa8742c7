/** Control characters and the byte order mark: invisible, or a line break, in a message quoting input. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are what it escapes.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\ufeff]/g;
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
