/**
 * Watchlist forms save with a PUT, which replaces the whole entry: an "Add" of an id already listed, or
 * an "Edit" of an entry changed elsewhere since its form opened, would drop aliases and exclude phrases
 * without a word. Checked against the watchlist read just before the save.
 */
import type { Watchlist } from './types';

type Entry = { id: string };
export type EntryKind = 'person' | 'topic';

const listOf = (watchlist: Watchlist, kind: EntryKind): Entry[] => (kind === 'person' ? watchlist.people : watchlist.topics);

/** JSON with every object's keys in order: the table keeps a topic definition's nested maps in no set order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** Why the save must not go ahead, or undefined. `opened`: the entry as the edit form showed it when it opened (none when adding). */
export function saveConflict(kind: EntryKind, id: string, opened: Entry | undefined, current: Watchlist): string | undefined {
  const now = listOf(current, kind).find((entry) => entry.id === id);
  const what = kind === 'person' ? 'person' : 'topic';
  if (!opened)
    return now
      ? `A ${what} "${id}" is on the watchlist already: use its Edit button, which keeps its aliases and exclude phrases.`
      : undefined;
  if (!now) return `The ${what} "${id}" was removed since this form opened: cancel, and add it again if it is still wanted.`;
  return canonical(now) === canonical(opened)
    ? undefined
    : `The ${what} "${id}" was changed elsewhere since this form opened: cancel and edit it again to see the change.`;
}
