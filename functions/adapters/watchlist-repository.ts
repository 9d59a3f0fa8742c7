import { setImmediate as nextTurn } from 'node:timers/promises';
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { type PersonEntry, StoredPersonEntry, TopicEntry, defaultWatchlist, type Watchlist } from '../core/watchlist';
import { parseOrSkip } from './skipped-records';
import { keys } from './table-keys';
import { itemKey, queryPartition, sendIfCondition, type Table, updateIfExists } from './table';
import { readMeta, revisionOf } from './watchlist-meta';

export type WatchlistKind = 'person' | 'topic';

interface Partition {
  items: Record<string, unknown>[];
  seeded: boolean;
}

async function readPartition(table: Table): Promise<Partition> {
  const items = await queryPartition(table, keys.watchlistPartition, { consistentRead: true });
  return { items, seeded: items.some((i) => i.sk === keys.watchlistMeta.sk) };
}

/** Entries parsed between two yields to the event loop: a 10,000-person read does not hold it in one piece. */
const PARSE_SLICE = 500;

/**
 * Entries that no longer parse (e.g. written by an older version) are skipped, and reported, rather than breaking ingest.
 * Parsed a slice at a time, yielding in between, so requests served beside a re-read wait for one slice.
 */
async function toWatchlist(items: readonly Record<string, unknown>[]): Promise<Watchlist> {
  const watchlist: Watchlist = { people: [], topics: [] };
  for (let i = 0; i < items.length; i++) {
    if (i > 0 && i % PARSE_SLICE === 0) await nextTurn();
    const { sk } = itemKey(items[i]!);
    if (sk.startsWith('PERSON#')) {
      const person = parseOrSkip(StoredPersonEntry, items[i]!.entry, () => `watchlist entry ${sk}`);
      if (person) watchlist.people.push(person);
    } else if (sk.startsWith('TOPIC#')) {
      const topic = parseOrSkip(TopicEntry, items[i]!.entry, () => `watchlist entry ${sk}`);
      if (topic) watchlist.topics.push(topic);
    }
  }
  return watchlist;
}

async function putIfAbsent(table: Table, item: Record<string, unknown>): Promise<void> {
  await sendIfCondition(table, new PutCommand({ TableName: table.name, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
}

/**
 * Writes the shipped default watchlist, once: entries first, the META marker last, all conditional,
 * so concurrent first uses agree and a user's later deletions are never undone.
 */
async function seed(table: Table, seedList: Watchlist): Promise<void> {
  for (const person of seedList.people) await putIfAbsent(table, entryItem('person', person));
  for (const topic of seedList.topics) await putIfAbsent(table, entryItem('topic', topic));
  await putIfAbsent(table, { ...keys.watchlistMeta, kind: 'watchlist-meta', seededAt: new Date().toISOString() });
}

export interface LoadedWatchlist {
  watchlist: Watchlist;
  /**
   * The change counter read with it (META sorts before every entry, so it is never newer than them);
   * undefined when it was damaged: the next check reads everything again.
   */
  revision: number | undefined;
}

/** The current watchlist; the first use ever seeds the default one. */
export async function loadWatchlist(table: Table, seedList: Watchlist = defaultWatchlist): Promise<LoadedWatchlist> {
  let { items, seeded } = await readPartition(table);
  if (!seeded) {
    await seed(table, seedList);
    ({ items } = await readPartition(table));
  }
  const meta = items.find((i) => i.sk === keys.watchlistMeta.sk);
  return { watchlist: await toWatchlist(items), revision: await revisionOf(table, meta) };
}

/**
 * Seeds the shipped default watchlist when it never was, at the cost of one GetItem when it was: what an
 * edit needs first (so the edit is not mixed into a later seeding), without reading the whole watchlist.
 * A META item whose counter is damaged is seeded (re-seeding would bring back defaults a user deleted):
 * its counter is reset, so the edit's count that follows lands on a number.
 */
export async function ensureWatchlistSeeded(table: Table, seedList: Watchlist = defaultWatchlist): Promise<void> {
  const meta = await readMeta(table);
  if (meta === undefined) await seed(table, seedList);
  else await revisionOf(table, meta);
}

/** One consistent GetItem: how a cache learns whether the watchlist changed without reading it all. */
export async function readWatchlistRevision(table: Table): Promise<number | undefined> {
  return revisionOf(table, await readMeta(table));
}

/**
 * Counts an edit, after the entry is written: a reader that sees the new revision also sees the entry.
 * Before the watchlist is seeded there is no META item and no reader holding a revision, so nothing to count.
 */
async function bumpRevision(table: Table): Promise<void> {
  await updateIfExists(table, keys.watchlistMeta, { UpdateExpression: 'ADD revision :one', ExpressionAttributeValues: { ':one': 1 } });
}

const keyOf = (kind: WatchlistKind, id: string) => (kind === 'person' ? keys.person(id) : keys.topic(id));

/** An entry's item: its key by kind and id, the entry as it was validated. */
function entryItem(kind: WatchlistKind, entry: PersonEntry | TopicEntry): Record<string, unknown> {
  return { ...keyOf(kind, entry.id), kind, entry };
}

/** Creates or replaces an entry; true when it was created. */
export async function putWatchlistEntry(table: Table, kind: WatchlistKind, entry: PersonEntry | TopicEntry): Promise<boolean> {
  const item = entryItem(kind, entry);
  const out = await table.doc.send(new PutCommand({ TableName: table.name, Item: item, ReturnValues: 'ALL_OLD' }));
  await bumpRevision(table);
  return out.Attributes === undefined;
}

/** Deletes an entry; false when there was none. */
export async function deleteWatchlistEntry(table: Table, kind: WatchlistKind, id: string): Promise<boolean> {
  const key = keyOf(kind, id);
  const out = await table.doc.send(new DeleteCommand({ TableName: table.name, Key: key, ReturnValues: 'ALL_OLD' }));
  if (out.Attributes !== undefined) await bumpRevision(table);
  return out.Attributes !== undefined;
}
