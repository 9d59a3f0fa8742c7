import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as z from 'zod';
import { ArticleInput } from '../../functions/core/article';
import { Slug } from '../../functions/core/slug';
import { Watchlist } from '../../functions/core/watchlist';

/** Where the evaluation set lives (see its README for the format and the labelling rules). */
export const FIXTURE_DIR = fileURLToPath(new URL('../fixtures/tagger/', import.meta.url));
export const WATCHLIST_FILE = join(FIXTURE_DIR, 'watchlist.json');
export const CASES_DIR = join(FIXTURE_DIR, 'cases');

export const Category = z.enum(['people', 'people-hard-negative', 'topic', 'topic-hard-negative', 'plain-negative', 'seed']);
export type Category = z.infer<typeof Category>;

/** Labels are sets: a repeated id is a fixture mistake, not a double weight. */
const LabelList = z.array(Slug).refine((ids) => new Set(ids).size === ids.length, 'must not repeat an id');

/** One labelled case: an article in the contract shape plus the article-level labels a careful reader gives it. */
export const EvalCase = z
  .object({
    id: z.string().regex(/^[a-z]+(-[a-z]+)?-\d{3}$/, 'must look like en-p-001'),
    lang: z.enum(['en', 'ru']),
    category: Category,
    case: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be a lowercase slug'),
    article: ArticleInput,
    expect: z.object({ people: LabelList, topics: LabelList }).strict(),
    note: z.string().min(1).optional(),
  })
  .strict();
export type EvalCase = z.infer<typeof EvalCase>;

/** A case plus where it came from, so every miss can be traced to a file and line. */
export interface LoadedCase extends EvalCase {
  file: string;
  line: number;
}

export class FixtureError extends Error {
  override name = 'FixtureError';
}

function describeIssues(error: z.core.$ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
}

function parseLine(text: string, where: string): EvalCase {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new FixtureError(`${where}: invalid JSON (${(err as Error).message})`);
  }
  const parsed = EvalCase.safeParse(json);
  if (!parsed.success) throw new FixtureError(`${where}: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

/** Parses one JSON Lines file of cases; blank lines are allowed, anything else must be a valid case. */
export function parseCaseFile(text: string, file: string): LoadedCase[] {
  return text.split('\n').flatMap((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return [];
    return [{ ...parseLine(raw, `${file}:${line}`), file, line }];
  });
}

/** Loads every `*.jsonl` under the cases folder, in file-name order; ids must be unique across files. */
export function loadCases(dir: string = CASES_DIR): LoadedCase[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort();
  const cases = files.flatMap((f) => parseCaseFile(readFileSync(join(dir, f), 'utf8'), basename(f)));
  const seen = new Map<string, string>();
  for (const c of cases) {
    const first = seen.get(c.id);
    if (first) throw new FixtureError(`${c.file}:${c.line}: duplicate case id "${c.id}" (first at ${first})`);
    seen.set(c.id, `${c.file}:${c.line}`);
  }
  return cases;
}

/** Loads and validates the evaluation watchlist with the project's own schema. */
export function loadWatchlist(file: string = WATCHLIST_FILE): Watchlist {
  const parsed = Watchlist.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new FixtureError(`${basename(file)}: ${describeIssues(parsed.error)}`);
  return parsed.data;
}
