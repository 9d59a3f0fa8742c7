/** What both "latest" views load: the newest items naming anyone or anything followed (or the filter's), refreshed every few seconds. */
import { latest } from '../latest';
import { useFilters } from './filters';
import { useSession } from './session-context';
import { usePagedData } from './use-paged-data';

export function useLatest<T extends { id: string; people: string[]; topics: string[] }>(path: string, time: (item: T) => string) {
  const { watchlist } = useSession();
  const [filters, setFilters] = useFilters();
  const followed = { people: watchlist.people.map((p) => p.id), topics: watchlist.topics.map((t) => t.id) };
  const { state, showMore } = usePagedData(
    (want) => latest<T>(path, filters, followed, want, time),
    [filters.person, filters.topic, followed.people.join(), followed.topics.join()],
  );
  return { filters, setFilters, followed, state, showMore };
}
