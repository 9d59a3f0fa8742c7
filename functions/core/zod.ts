import en from 'zod/v4/locales/en.js';
import { config } from 'zod/mini';

/**
 * The zod every schema in core is built with (`import * as z from './zod'`): `zod/mini`, the same
 * validators and issues as zod's classic API without its method-chaining classes, which cost each
 * Lambda ≈ 12 ms of CPU at cold start (docs/benchmarks.md, "Lambda cold start"). Mini ships no
 * messages of its own; the English locale classic installs is installed here, so every 400 reads as
 * before ("Too big: expected string to have <=256 characters"). Only English is imported: importing
 * the `locales` index would bundle every language.
 */
config(en());
/**
 * A field left out reads "Required: expected string" rather than the locale's "Invalid input: expected
 * string, received undefined", which tells a client the value was wrong when there was none; a choice
 * left out (an enum such as a subscription's `protocol`) reads "Required: expected one of "a"|"b"",
 * not "Invalid option".
 */
config({
  customError: (issue) => {
    if (issue.input !== undefined) return undefined;
    if (issue.code === 'invalid_type') return `Required: expected ${issue.expected}`;
    if (issue.code === 'invalid_value')
      return `Required: expected ${issue.values.length > 1 ? 'one of ' : ''}${issue.values.map(quoted).join('|')}`;
    return undefined;
  },
});

/** A choice as the locale writes it: strings in double quotes, other values as they print. */
function quoted(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

export * from 'zod/mini';
