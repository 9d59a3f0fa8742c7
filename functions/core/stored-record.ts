import { pathOf } from './errors';
import type * as z from './zod';

/**
 * A record read back from storage that its schema refuses: a storage fault (a 500 over HTTP, a failed
 * invocation elsewhere) that names the record and the field, instead of a wrongly typed value that
 * fails later with a TypeError far from the read.
 */
export class DamagedRecord extends Error {
  override readonly name = 'DamagedRecord';
}

/** What is wrong with a record, field by field: `revision: Invalid input: expected number, received string`. */
export function problemsOf(error: { issues: readonly { path: PropertyKey[]; message: string }[] }): string {
  return error.issues.map((issue) => `${pathOf(issue.path)}: ${issue.message}`).join('; ');
}

/** Parses a record read back from storage; `what` names it in the error ("alert marker of article a1"). */
export function parseStored<S extends z.ZodMiniType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new DamagedRecord(`The stored ${what} is malformed (${problemsOf(parsed.error)})`);
}
