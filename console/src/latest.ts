/**
 * "The latest stories / articles": the API lists them per person or topic (newest first), so the
 * unfiltered view asks for each followed id and merges. A filter asks once. "Show more" asks for more
 * items: each listing is read page by page, only as far as the newest `want` items across them need.
 */
import { get, withQuery } from './api';
import { type Filter, type Followed, mergeNewest, queriesFor, type Stream, streamsToExtend, wholeUntil } from './merge';
import type { Page } from './types';

export type { Filter, Followed };

/** Browsers open about six connections per origin; more parallel requests would only queue. */
const PARALLEL_REQUESTS = 6;
/** The API's largest page. */
export const PAGE_SIZE = 100;
/**
 * Pages read after each listing's first, at most, per load and per page of items shown: a person chosen
 * with a topic that few of their articles have would otherwise be read to its end every few seconds.
 * Each "Show more" raises the budget with the items asked for, so it reaches further back each time.
 */
const MORE_PAGES_PER_PAGE_SHOWN = 20;

async function inBatches<T, R>(inputs: T[], size: number, work: (input: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < inputs.length; i += size) results.push(...(await Promise.all(inputs.slice(i, i + size).map(work))));
  return results;
}

/** The newest items loaded, and whether the API has more (older, or not yet read for the filter). */
export interface Newest<T> {
  items: T[];
  more: boolean;
}

/**
 * The `want` newest items across `queries` of `path`, newest first by `time`, each item once; `keep`
 * is the filter applied here. Reads each listing's first page, then further pages only where needed.
 */
export async function newestAcross<T extends { id: string }>(
  path: string,
  queries: Record<string, string>[],
  want: number,
  time: (item: T) => string,
  keep: (item: T) => boolean = () => true,
): Promise<Newest<T>> {
  const page = async (query: Record<string, string>, cursor?: string): Promise<Stream<T>> => {
    const { items, nextCursor } = await get<Page<T>>(withQuery(path, { ...query, limit: PAGE_SIZE, cursor }));
    return { items, ...(nextCursor !== undefined && { cursor: nextCursor }) };
  };
  const streams = await inBatches(queries, PARALLEL_REQUESTS, (query) => page(query));
  for (let budget = MORE_PAGES_PER_PAGE_SHOWN * Math.ceil(want / PAGE_SIZE); budget > 0; ) {
    const further = streamsToExtend(streams, want, time, keep).slice(0, Math.min(budget, PARALLEL_REQUESTS));
    if (further.length === 0) break;
    budget -= further.length;
    await Promise.all(
      further.map(async (i) => {
        const next = await page(queries[i]!, streams[i]!.cursor);
        streams[i] = { items: [...streams[i]!.items, ...next.items], ...(next.cursor !== undefined && { cursor: next.cursor }) };
      }),
    );
  }
  const kept = mergeNewest(
    streams.map((s) => s.items.filter(keep)),
    time,
    want + 1,
  );
  // The budget ran out before every listing was read far enough: shown only as far as nothing can be missing.
  const cut = wholeUntil(streams, streamsToExtend(streams, want, time, keep), time);
  // Strictly newer: an unread item at the cut's very time could still be missing.
  const whole = cut === undefined ? kept : kept.filter((item) => time(item) > cut);
  return { items: whole.slice(0, want), more: whole.length > want || streams.some((s) => s.cursor !== undefined) };
}

export async function latest<T extends { id: string; people: string[]; topics: string[] }>(
  path: string,
  filter: Filter,
  followed: Followed,
  want: number,
  time: (item: T) => string,
): Promise<Newest<T>> {
  const queries = queriesFor(filter, followed).map((q) => ({ ...q }) as Record<string, string>);
  // Both filters at once: the API takes one, the other is applied here.
  const both = filter.person && filter.topic ? (item: T) => item.topics.includes(filter.topic as string) : () => true;
  return newestAcross(path, queries, want, time, both);
}
