/** The page both "latest" views share: heading, filters, the list, and what to say when it is empty. */
import type { ComponentChildren } from 'preact';
import { href } from '../router';
import { FilterBar, matchesSearch } from './filters';
import { Loaded } from './loaded';
import { ShowMore } from './show-more';
import { Empty } from './states';
import { useLatest } from './use-latest';

type Listed = { id: string; title?: string | null; people: string[]; topics: string[] };

export interface LatestViewProps<T extends Listed> {
  /** The API path listed ("/articles"), and what its items are called, plural ("articles") and singular ("article"). */
  path: string;
  plural: string;
  singular: string;
  /** The feature named when the API answers that it is not there (Loaded's `feature`). */
  feature: string;
  /** The time the view orders by, newest first. */
  time: (item: T) => string;
  /** What to do when nothing is listed yet, after "No <plural> yet." */
  howToFill: ComponentChildren;
  list: (items: T[]) => ComponentChildren;
}

export function LatestView<T extends Listed>({ path, plural, singular, feature, time, howToFill, list }: LatestViewProps<T>) {
  const { filters, setFilters, followed, state, showMore } = useLatest<T>(path, time);
  const headingId = `${plural}-heading`;
  return (
    <section aria-labelledby={headingId}>
      <h1 id={headingId}>Latest {plural}</h1>
      <FilterBar value={filters} onChange={setFilters} />
      <Loaded state={state} what={plural} feature={feature}>
        {({ items, more }) => {
          const shown = items.filter((item) => matchesSearch(item.title ?? undefined, filters.search));
          const moreButton = <ShowMore more={more} onClick={showMore} what={plural} loaded={items.length} />;
          if (followed.people.length + followed.topics.length === 0) {
            return (
              <Empty>
                The watchlist is empty, so no {singular} can match. <a href={href('watchlist')}>Add a person or a topic</a> first.
              </Empty>
            );
          }
          if (shown.length === 0) {
            return (
              <>
                <Empty>
                  {more && items.length > 0
                    ? `None of the newest ${items.length} ${plural} loaded match these filters: show more to look further back.`
                    : `No ${plural} ${items.length ? 'match these filters' : 'yet'}.`}{' '}
                  {!more && howToFill}
                </Empty>
                {moreButton}
              </>
            );
          }
          return (
            <>
              {list(shown)}
              {moreButton}
            </>
          );
        }}
      </Loaded>
    </section>
  );
}
