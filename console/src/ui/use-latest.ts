/** What both "latest" views load: the newest items naming anyone or anything followed (or the filter's), refreshed every few seconds. */
import { useCallback, useEffect, useRef } from 'preact/hooks';
import { latest, PAGE_SIZE } from '../latest';
import { useFilters } from './filters';
import { useSession } from './session-context';
import { useData } from './use-data';

export function useLatest<T extends { id: string; people: string[]; topics: string[] }>(path: string, time: (item: T) => string) {
  const { watchlist } = useSession();
  const [filters, setFilters] = useFilters();
  const followed = { people: watchlist.people.map((p) => p.id), topics: watchlist.topics.map((t) => t.id) };
  const deps = [filters.person, filters.topic, followed.people.join(), followed.topics.join()];
  // How many items to show: one page, and one more for each "Show more". A ref, so that asking for more
  // keeps the list on screen while it loads (a change of the filters starts from one page again).
  const want = useRef(PAGE_SIZE);
  useEffect(() => {
    want.current = PAGE_SIZE;
  }, deps);
  // Refreshed every few seconds only while the newest page is shown: older pages are read with a budget
  // that grows with them, which a refresh every few seconds should not pay, and the list does not move under the reader.
  const onFirstPage = useCallback(() => want.current === PAGE_SIZE, []);
  const state = useData(() => latest<T>(path, filters, followed, want.current, time), deps, onFirstPage);
  const showMore = () => {
    want.current += PAGE_SIZE;
    state.reload();
  };
  return { filters, setFilters, followed, state, showMore };
}
