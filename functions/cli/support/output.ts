import { oneLine } from '../../core/text/one-line';
import { maskEndpoint, Protocol } from '../../core/subscription-policy';

/** Plain-text tables and masking for list commands (stdout, so they pipe into grep/awk). */
export function renderTable(headers: readonly string[], given: readonly (readonly string[])[]): string {
  // Cells are the server's text (names, titles, URLs): a line break or escape in one would break the table or the terminal.
  const rows = given.map((row) => row.map(oneLine));
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].join('\n');
}

/**
 * A subscriber's endpoint as lists show it: enough to recognise, not the contact detail itself.
 * The API already masks what it lists; masking again here keeps that true for any server version.
 */
export function maskedEndpoint(protocol: string, endpoint: string): string {
  const known = Protocol.safeParse(protocol);
  if (!known.success) return '***';
  try {
    return maskEndpoint(known.data, endpoint);
  } catch {
    return '***';
  }
}

/** A list of ids for a table cell; an empty filter means "everything". */
export function idList(ids: unknown, empty = '-'): string {
  return Array.isArray(ids) && ids.length > 0 ? ids.map(String).join(',') : empty;
}

/** `n` and the noun in its number: "1 article", "2 articles". */
export function counted(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
