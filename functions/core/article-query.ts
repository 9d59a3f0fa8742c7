import * as z from './zod';
import { ValidationFailed } from './errors';
import { sha256Hex } from './hash';
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
  /** The page holds nothing: the cursor is at or before `since` (a `since` moved on between pages). */
  empty?: true;
}

/** The listing a query pages through (`route`: `articles` or `stories`), which its cursors are bound to. */
export function articleListing(route: 'articles' | 'stories', query: Pick<ArticleQuery, 'kind' | 'id'>): string {
  return `${route} ${query.kind} ${query.id}`;
}

export function parseArticleQuery(params: Record<string, string | undefined>, route: 'articles' | 'stories'): ArticleQuery {
  const q = ArticleQueryParams.parse(params);
  const kind = q.person !== undefined ? 'person' : 'topic';
  const id = (q.person ?? q.topic) as string;
  const query: ArticleQuery = {
    kind,
    id,
    ...(q.since && { since: toUtcIso(q.since) }),
    limit: q.limit,
    ...(q.cursor && { before: decodeCursor(q.cursor, articleListing(route, { kind, id })) }),
  };
  // Past `since` already: the listing has nothing more, as a cursor at `since` itself answers (and the key range would be invalid).
  return query.since !== undefined && query.before !== undefined && query.before <= query.since ? { ...query, empty: true } : query;
}

/** The longest sort key a cursor can hold: a timestamp, '#', an article id of up to 256 characters. */
const MAX_CURSOR_KEY = 300;
/** What encodeCursor writes: base64url, unpadded. */
const BASE64URL = /^[A-Za-z0-9_-]+$/;
/** Every listing's sort key: a date (and time), '#', an id. An edited key ("x") would start a page anywhere. */
const CURSOR_KEY_SHAPE = /^\d{4}-\d{2}-\d{2}[^#]*#./s;

/** Hex digits of a listing's hash kept in its cursors: enough to tell one listing's cursor from another's (not a secret). */
const LISTING_TAG_CHARS = 8;
const listingTag = (listing: string) => sha256Hex(listing).slice(0, LISTING_TAG_CHARS);

/**
 * Opaque page token: the last returned item's index sort key and a tag of the listing it pages
 * (`articleListing`, the route and its filter), base64url. A cursor is a position in one listing: in
 * another it would silently skip that listing's items, so it is refused there.
 */
export function encodeCursor(sortKey: string, listing: string): string {
  return Buffer.from(JSON.stringify({ k: sortKey, l: listingTag(listing) }), 'utf8').toString('base64url');
}

const notACursor = () =>
  new ValidationFailed('Invalid request: cursor: not a cursor returned by this API', [
    { path: 'cursor', message: 'not a cursor returned by this API' },
  ]);

/**
 * The sort key of a cursor made for `listing`. One made for another listing is refused, and so is one that
 * names none (made by hand, or by a version before cursors named their listing): it could be any listing's.
 */
export function decodeCursor(cursor: string, listing: string): string {
  // Node's base64url decoder skips characters outside its alphabet: "!!" added to a cursor would page as before.
  if (!BASE64URL.test(cursor)) throw notACursor();
  let value: { k?: unknown; l?: unknown };
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw notACursor();
  }
  const key = value?.k;
  // Sort keys this API makes are an ISO date, '#' and an id: short, printable (DynamoDB caps key conditions at 1 KB).
  if (typeof key !== 'string' || key.length > MAX_CURSOR_KEY || !CURSOR_KEY_SHAPE.test(key) || !hasNoUnsafeCharacters(key))
    throw notACursor();
  if (value.l === undefined) throw notACursor();
  if (value.l !== listingTag(listing)) {
    throw new ValidationFailed('Invalid request: cursor: belongs to another listing; pass the nextCursor of this same query', [
      { path: 'cursor', message: 'belongs to another listing (another route, person or topic)' },
    ]);
  }
  return key;
}

/** Newest first across shards: merge each shard's (already newest-first) keys, keep the top `limit`. */
export function mergeNewestFirst(shards: readonly (readonly string[])[], limit: number): string[] {
  return shards
    .flat()
    .sort((a, b) => (a < b ? 1 : a > b ? -1 : 0))
    .slice(0, limit);
}
