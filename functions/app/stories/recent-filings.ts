import type { Table } from '../../adapters/table';
import { RecentCache } from '../../core/recent-cache';
import { type KeyEntry, mergeEntries } from '../../core/stories/candidates';

/**
 * What this process decided to file in the story index, held until the table has surely caught up.
 * Clustering reads the index, awaits the candidate stories, then decides in one synchronous step; an
 * article decided while another's index read was in flight must still be seen by it, so that step
 * merges these filings into what the table answered. That is what lets two copies posted in one batch
 * (or concurrently to one process) meet in one story without holding a lock across table round trips.
 * Across processes the table alone is the meeting point (docs/stories.md).
 */
const MAX_KEYS = 20_000;
/** Far longer than a read and a write take; bounds how long a key's filing is kept beside the table's. */
const MAX_AGE_MS = 30_000;

interface Filings {
  entries: RecentCache<string, KeyEntry>;
  /** Counts the decisions noted: entries merged at one count need no second merge while it holds. */
  noted: number;
  /** Per index key, the filing write in flight that holds it: a later write of the key waits for it. */
  writes: Map<string, Promise<void>>;
}

const filingsByClient = new WeakMap<Table['doc'], Filings>();

function filingsOf(table: Table): Filings {
  let filings = filingsByClient.get(table.doc);
  if (!filings) {
    filings = { entries: new RecentCache<string, KeyEntry>(MAX_KEYS, MAX_AGE_MS), noted: 0, writes: new Map() };
    filingsByClient.set(table.doc, filings);
  }
  return filings;
}

/** The table's entries for `keys` with this process's recent filings merged in (synchronous). */
export function withRecentFilings(table: Table, keys: readonly string[], read: ReadonlyMap<string, KeyEntry>): Map<string, KeyEntry> {
  const { entries } = filingsOf(table);
  const found = new Map<string, KeyEntry>();
  for (const k of keys) {
    const entry = mergeEntries(read.get(k), entries.get(k));
    if (entry) found.set(k, entry);
  }
  return found;
}

/**
 * How many decisions this process has noted so far: entries merged by `withRecentFilings` are still
 * current while it has not moved (the age limit only ever drops what the table holds by then).
 */
export function filingsNoted(table: Table): number {
  return filingsOf(table).noted;
}

/** Notes the entries a decision is about to write (synchronous, in the decision's turn). */
export function noteFilings(table: Table, written: ReadonlyMap<string, KeyEntry>): void {
  const filings = filingsOf(table);
  filings.noted++;
  const { entries } = filings;
  for (const [k, entry] of written) entries.set(k, mergeEntries(entries.get(k), entry)!);
}

/**
 * Orders the writes of index keys in decision order: an index key's item is written whole (story id →
 * time), and a later decision's item already holds the earlier one's story, so it must land last.
 * Register synchronously at decision time; `write` runs once the earlier writes of the same keys are done.
 */
export function orderedFilingWrite(table: Table, keys: readonly string[]): <T>(write: () => Promise<T>) => Promise<T> {
  const { writes } = filingsOf(table);
  const earlier = [...new Set(keys.flatMap((k) => writes.get(k) ?? []))];
  let finish!: () => void;
  const mine = new Promise<void>((resolve) => {
    finish = resolve;
  });
  for (const k of keys) writes.set(k, mine);
  return async (write) => {
    try {
      await Promise.all(earlier);
      return await write();
    } finally {
      finish();
      for (const k of keys) if (writes.get(k) === mine) writes.delete(k);
    }
  };
}
