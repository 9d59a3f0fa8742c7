/** What both "latest" views load: the newest items naming anyone or anything followed (or the filter's), refreshed every few seconds. */
import { latest } from '../latest';
import { useFilters } from './filters';
import { useSession } from './session-context';
import { useData } from './use-data';

/** How many items a latest view keeps: the API's largest page. */
export const LATEST_LIMIT = 100;

export function useLatest<T extends { id: string; people: string[]; topics: string[] }>(path: string, time: (item: T) => string) {
  const { watchlist } = useSession();
  const [filters, setFilters] = useFilters();
  const followed = { people: watchlist.people.map((p) => p.id), topics: watchlist.topics.map((t) => t.id) };
  const state = useData(
    () => latest<T>(path, filters, followed, LATEST_LIMIT, time),
    [filters.person, filters.topic, followed.people.join(), followed.topics.join()],
    true,
  );
  return { filters, setFilters, followed, state };
}
