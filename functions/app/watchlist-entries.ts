import { deleteWatchlistEntry, ensureWatchlistSeeded, putWatchlistEntry, type WatchlistKind } from '../adapters/watchlist-repository';
import type { Table } from '../adapters/table';
import { MAX_ITEM_JSON_BYTES } from '../adapters/table-design';
import type { WatchlistCache } from '../adapters/watchlist-cache';
import { NotFound, ValidationFailed } from '../core/errors';
import { Slug } from '../core/slug';
import { PersonEntry, type TopicEntry, TopicEntryInput } from '../core/watchlist';
import { jsonBytes } from '../core/json-bytes';
import type { WatchlistAnswer, WatchlistPersonAnswer, WatchlistTopicAnswer } from '../core/api-answers';

export interface WatchlistDeps {
  table: Table;
  watchlists: WatchlistCache;
}

export async function currentWatchlist(deps: WatchlistDeps): Promise<WatchlistAnswer> {
  return (await deps.watchlists.get()).watchlist;
}

/**
 * The entry for PUT /watchlist/{kind}/{id}: the body is the watchlist-file entry without `id` (an `id`
 * in the body must equal the path's). Parsed with the watchlist's own schema, so the API accepts
 * exactly what the file does.
 */
export function entryFromRequest(kind: WatchlistKind, pathId: string | undefined, body: unknown): PersonEntry | TopicEntry {
  const id = Slug.safeParse(pathId);
  if (!id.success)
    throw new ValidationFailed(`Invalid path id: ${id.error.issues[0]?.message}`, [
      { path: 'id', message: id.error.issues[0]?.message ?? 'invalid' },
    ]);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ValidationFailed('Invalid request: (root): must be a JSON object', [{ path: '(root)', message: 'must be a JSON object' }]);
  }
  const bodyId = (body as { id?: unknown }).id;
  if (bodyId !== undefined && bodyId !== id.data) {
    // Neither id is quoted back: the body's is any JSON the client sent, and error bodies never echo input.
    throw new ValidationFailed('Invalid request: id: must match the id in the path', [
      { path: 'id', message: 'must match the id in the path' },
    ]);
  }
  const schema = kind === 'person' ? PersonEntry : TopicEntryInput;
  return fitsOneItem(schema.parse({ ...body, id: id.data }));
}

/**
 * The entry, if the table can store it: a topic defined in full may list thousands of terms and rules,
 * which would pass every other check and then be refused by DynamoDB's 400 KB item limit (a 500). Too
 * large: a 400 naming its largest field, the one to shorten.
 */
function fitsOneItem<E extends PersonEntry | TopicEntry>(entry: E): E {
  const bytes = jsonBytes(entry);
  if (bytes <= MAX_ITEM_JSON_BYTES) return entry;
  const sizes = Object.entries(entry).map(([field, value]) => [field, jsonBytes(value)] as const);
  const [largest] = sizes.reduce((a, b) => (b[1] > a[1] ? b : a));
  const message = `the entry is too large to store (${bytes} bytes as JSON, at most ${MAX_ITEM_JSON_BYTES}): shorten ${largest}`;
  throw new ValidationFailed(`Invalid request: ${largest}: ${message}`, [{ path: largest, message }]);
}

export async function putEntry(
  deps: WatchlistDeps,
  kind: WatchlistKind,
  pathId: string | undefined,
  body: unknown,
): Promise<{ created: boolean; entry: WatchlistPersonAnswer | WatchlistTopicAnswer }> {
  const entry = entryFromRequest(kind, pathId, body);
  // Seeds the default watchlist first, so this edit is not mixed into a later seeding: one GetItem of the
  // change counter, not a read of the whole watchlist (megabytes at 10,000 people).
  await ensureWatchlistSeeded(deps.table);
  const created = await putWatchlistEntry(deps.table, kind, entry);
  deps.watchlists.invalidate();
  return { created, entry };
}

export async function deleteEntry(deps: WatchlistDeps, kind: WatchlistKind, id: string | undefined): Promise<void> {
  await ensureWatchlistSeeded(deps.table);
  if (!id || !(await deleteWatchlistEntry(deps.table, kind, id))) throw new NotFound(`No ${kind} with this id on the watchlist`);
  deps.watchlists.invalidate();
}
