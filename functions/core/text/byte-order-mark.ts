/**
 * A UTF-8 byte order mark that some editors (Windows Notepad, PowerShell) write before a JSON file.
 * RFC 8259 lets a JSON parser ignore it, and JSON.parse does not: whoever parses text a client wrote
 * removes it first, so the same file is read alike by `tag`, `push` and the HTTP API.
 */
const LEADING_BYTE_ORDER_MARK = /^\uFEFF/;

export function withoutByteOrderMark(text: string): string {
  return text.replace(LEADING_BYTE_ORDER_MARK, '');
}
