/**
 * A list loaded a page at a time: one page, and one more for each "Show more". `want` is a ref, so that
 * asking for more keeps the list on screen while it loads; a change of `deps` (a filter) starts from one
 * page again. Refreshed every few seconds only while the newest page is shown: older pages cost a budget
 * that grows with them, which a refresh every few seconds should not pay, and the list does not move
 * under the reader.
 */
import { useCallback, useEffect, useRef } from 'preact/hooks';
import { PAGE_SIZE } from '../latest';
import { type Data, useData } from './use-data';

export function usePagedData<T>(load: (want: number) => Promise<T>, deps: unknown[]): { state: Data<T>; showMore(): void } {
  const want = useRef(PAGE_SIZE);
  // Declared before useData: this reset runs before its load when the filters change.
  useEffect(() => {
    want.current = PAGE_SIZE;
  }, deps);
  const onFirstPage = useCallback(() => want.current === PAGE_SIZE, []);
  const state = useData(() => load(want.current), deps, onFirstPage);
  const showMore = () => {
    want.current += PAGE_SIZE;
    state.reload();
  };
  return { state, showMore };
}
