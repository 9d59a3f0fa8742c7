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
