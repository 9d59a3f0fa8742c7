/** Which requests the latest-items views make, and how their pages are merged (pure: unit-tested). */
export interface Filter {
  person?: string;
  topic?: string;
}

export interface Followed {
  people: string[];
  topics: string[];
}

/** Which requests a view makes: one for a filter, else one per followed person and topic. */
export function queriesFor(filter: Filter, followed: Followed): Filter[] {
  if (filter.person) return [{ person: filter.person }];
  if (filter.topic) return [{ topic: filter.topic }];
  return [...followed.people.map((person) => ({ person })), ...followed.topics.map((topic) => ({ topic }))];
}

/** Merges pages: one item per id, newest first by `time`, at most `limit`. */
export function mergeNewest<T extends { id: string }>(pages: T[][], time: (item: T) => string, limit: number): T[] {
  const byId = new Map<string, T>();
  for (const item of pages.flat()) if (!byId.has(item.id)) byId.set(item.id, item);
  const newestFirst = (a: T, b: T) => (time(a) < time(b) ? 1 : time(a) > time(b) ? -1 : 0);
  return [...byId.values()].sort(newestFirst).slice(0, limit);
}

/** One listing read so far: its items in the API's order (newest first) and the cursor of its next page, if any. */
export interface Stream<T> {
  items: T[];
  cursor?: string;
}

/**
 * Which listings to read a page further so that the `want` newest kept items across them are known: a
 * listing with more pages whose oldest item read is newer than the `want`-th kept item so far (or any
 * such listing while fewer than `want` are kept). Its unread items are no newer than those it gave, so
 * the others cannot change the answer (an unread item at the very time of the `want`-th one could take
 * its place, but not make the list less newest-first). `keep`: the filter applied here (the second of two).
 */
export function streamsToExtend<T extends { id: string }>(
  streams: Stream<T>[],
  want: number,
  time: (item: T) => string,
  keep: (item: T) => boolean,
): number[] {
  const merged = mergeNewest(
    streams.map((s) => s.items.filter(keep)),
    time,
    want,
  );
  const edge = merged.length >= want ? time(merged[want - 1]!) : undefined;
  return streams.flatMap((s, i) => {
    if (s.cursor === undefined) return [];
    const oldest = s.items[s.items.length - 1];
    return edge === undefined || oldest === undefined || time(oldest) > edge ? [i] : [];
  });
}

/**
 * Where a list is known to be whole when some listings (`pending`) were not read as far as it needs:
 * the newest of their oldest items read. Unread items may be at that time or older, so a list of the
 * items newer than it has no gap; undefined when no pending listing gave an item (such a listing is
 * read on for as long as the budget lasts, `streamsToExtend`).
 */
export function wholeUntil<T>(streams: Stream<T>[], pending: readonly number[], time: (item: T) => string): string | undefined {
  let cut: string | undefined;
  for (const i of pending) {
    const items = streams[i]!.items;
    const oldest = items[items.length - 1];
    if (oldest !== undefined && (cut === undefined || time(oldest) > cut)) cut = time(oldest);
  }
  return cut;
}
