import * as z from './zod';
import { ValidationFailed } from './errors';
import { toUtcIso } from './normalise';
import { hasNoUnsafeCharacters } from './path-ids';
import { PageLimit, QueryCursor, QueryIsoDate } from './query-params';
import { QuerySlug } from './slug';

/** Query string of GET /articles: exactly one of person/topic, optional since/limit/cursor. */
export const ArticleQueryParams = z
  .strictObject({
    person: z.optional(QuerySlug),
    topic: z.optional(QuerySlug),
    since: z.optional(QueryIsoDate),
    limit: PageLimit,
    cursor: z.optional(QueryCursor),
  })
  .check(
    z.refine((q) => (q.person === undefined) !== (q.topic === undefined), {
      path: ['person'],
      message: 'give exactly one of person or topic',
    }),
  );

export interface ArticleQuery {
  kind: 'person' | 'topic';
  id: string;
  /** Exclusive lower bound on the index sort key (UTC ISO), when `since` was given. */
  since?: string;
  limit: number;
  /** Exclusive upper bound: the sort key of the last item on the previous page. */
  before?: string;
}

export function parseArticleQuery(params: Record<string, string | undefined>): ArticleQuery {
  const q = ArticleQueryParams.parse(params);
  const query: ArticleQuery = {
    kind: q.person !== undefined ? 'person' : 'topic',
    id: (q.person ?? q.topic) as string,
    ...(q.since && { since: toUtcIso(q.since) }),
    limit: q.limit,
    ...(q.cursor && { before: decodeCursor(q.cursor) }),
  };
  // A page that ends before `since` begins cannot exist (and would be an invalid key range).
  if (query.since !== undefined && query.before !== undefined && query.before <= query.since) {
    throw new ValidationFailed('Invalid request: cursor: points before since; drop the cursor or the since', [
      { path: 'cursor', message: 'points before since' },
    ]);
  }
  return query;
}

/** The longest sort key a cursor can hold: a timestamp, '#', an article id of up to 256 characters. */
const MAX_CURSOR_KEY = 300;

/** Opaque page token: the last returned item's index sort key, base64url. */
export function encodeCursor(sortKey: string): string {
  return Buffer.from(JSON.stringify({ k: sortKey }), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): string {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const key = (value as { k?: unknown }).k;
    // Sort keys this API makes are an ISO date, '#' and an id: short, printable (DynamoDB caps key conditions at 1 KB).
    if (typeof key === 'string' && key.length > 0 && key.length <= MAX_CURSOR_KEY && hasNoUnsafeCharacters(key)) return key;
  } catch {
    // fall through to the named error
  }
  throw new ValidationFailed('Invalid request: cursor: not a cursor returned by this API', [
    { path: 'cursor', message: 'not a cursor returned by this API' },
  ]);
}

/** Newest first across shards: merge each shard's (already newest-first) keys, keep the top `limit`. */
export function mergeNewestFirst(shards: readonly (readonly string[])[], limit: number): string[] {
  return shards
    .flat()
    .sort((a, b) => (a < b ? 1 : a > b ? -1 : 0))
    .slice(0, limit);
}
