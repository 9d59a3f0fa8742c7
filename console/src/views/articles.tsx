/** The latest articles naming anyone or anything on the watchlist, refreshed every few seconds. */
import { href } from '../router';
import { Empty } from '../ui/states';
import { FilterBar, matchesSearch } from '../ui/filters';
import { formatTime } from '../ui/format';
import { Loaded } from '../ui/loaded';
import { Tags } from '../ui/tags';
import { useLatest } from '../ui/use-latest';
import type { Article } from '../types';

function ArticleList({ items }: { items: Article[] }) {
  return (
    <ol class="cards" aria-label="Articles">
      {items.map((a) => (
        <li key={a.id} class="card" data-article-id={a.id}>
          <a class="title" href={href('articles', a.id)}>
            {a.title ?? '(untitled)'}
          </a>
          <p class="meta">
            {a.source ?? 'unknown source'} · {formatTime(a.publishedAt)}
            {a.language && ` · ${a.language}`}
          </p>
          <Tags people={a.people} topics={a.topics} scores={Object.fromEntries(a.tags.topics.map((t) => [t.id, t.score]))} />
        </li>
      ))}
    </ol>
  );
}

export function ArticlesView() {
  const { filters, setFilters, followed, state } = useLatest<Article>('/articles', (a) => a.publishedAt);
  return (
    <section aria-labelledby="articles-heading">
      <h1 id="articles-heading">Latest articles</h1>
      <FilterBar value={filters} onChange={setFilters} />
      <Loaded state={state} what="articles" feature="Articles">
        {(items) => {
          const shown = items.filter((a) => matchesSearch(a.title, filters.search));
          if (followed.people.length + followed.topics.length === 0) {
            return (
              <Empty>
                The watchlist is empty, so no article can match. <a href={href('watchlist')}>Add a person or a topic</a> first.
              </Empty>
            );
          }
          if (shown.length === 0) {
            return (
              <Empty>
                No articles {items.length ? 'match these filters' : 'yet'}. Push one with <code>npx newswatch push FILE</code> or{' '}
                <code>POST /articles</code>, or add a feed on the <a href={href('feeds')}>Feeds</a> page; this list refreshes by itself.
              </Empty>
            );
          }
          return <ArticleList items={shown} />;
        }}
      </Loaded>
    </section>
  );
}
