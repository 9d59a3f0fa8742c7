/**
 * "The latest stories / articles": the API lists them per person or topic (newest first), so the
 * unfiltered view asks for each followed id and merges. A filter asks once.
 */
import { get, withQuery } from './api';
import { type Filter, type Followed, mergeNewest, queriesFor } from './merge';
import type { Page } from './types';

export type { Filter, Followed };

/** Browsers open about six connections per origin; more parallel requests would only queue. */
const PARALLEL_REQUESTS = 6;

async function inBatches<T, R>(inputs: T[], size: number, work: (input: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < inputs.length; i += size) results.push(...(await Promise.all(inputs.slice(i, i + size).map(work))));
  return results;
}

export async function latest<T extends { id: string; people: string[]; topics: string[] }>(
  path: string,
  filter: Filter,
  followed: Followed,
  limit: number,
  time: (item: T) => string,
): Promise<T[]> {
  const pages = await inBatches(
    queriesFor(filter, followed),
    PARALLEL_REQUESTS,
    async (query) => (await get<Page<T>>(withQuery(path, { ...query, limit }))).items,
  );
  // Both filters at once: the API takes one, the other is applied here.
  const both = filter.person && filter.topic ? (item: T) => item.topics.includes(filter.topic as string) : () => true;
  return mergeNewest(pages, time, limit).filter(both);
}
