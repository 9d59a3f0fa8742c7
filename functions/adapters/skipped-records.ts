import { problemsOf } from '../core/stored-record';
import type * as z from '../core/zod';

/** Told of each record a reader left out: which record (its key) and what is wrong with it. */
export type SkippedRecordListener = (record: string, problems: string) => void;

let report: SkippedRecordListener = () => undefined;

/** Where left-out records are reported: the handlers' observability logs and counts them (nothing else sets it). */
export function onSkippedRecord(listener: SkippedRecordListener): void {
  report = listener;
}

/** Reports a record a reader left out for a reason other than its schema (a body that does not decode). */
export function reportSkipped(record: string, problems: string): void {
  report(record, problems);
}

/**
 * Parses a record read back where one bad record must not hold back the rest (a list, the watchlist):
 * undefined when it does not parse, and reported, so a damaged item is seen rather than silently missing.
 * `record` names it (called only for a record left out: the well-formed ones build no string).
 */
export function parseOrSkip<S extends z.ZodMiniType>(schema: S, value: unknown, record: () => string): z.output<S> | undefined {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  report(record(), problemsOf(parsed.error));
  return undefined;
}
