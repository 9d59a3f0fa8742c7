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
 * string, received undefined", which tells a client the value was wrong when there was none.
 */
config({
  customError: (issue) => (issue.code === 'invalid_type' && issue.input === undefined ? `Required: expected ${issue.expected}` : undefined),
});

export * from 'zod/mini';
