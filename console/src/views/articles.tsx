/** The latest articles naming anyone or anything on the watchlist, refreshed every few seconds. */
import { href } from '../router';
import { formatTime } from '../ui/format';
import { LatestView } from '../ui/latest-view';
import { Tags } from '../ui/tags';
import type { Article } from '../types';

function ArticleList({ items }: { items: Article[] }) {
  return (
    <ol class="cards" aria-label="Articles">
      {items.map((a) => (
        <li key={a.id} class="card" data-article-id={a.id}>
          <a class="title" href={href('articles', a.id)}>
            {a.title || '(untitled)'}
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
  return (
    <LatestView<Article>
      path="/articles"
      plural="articles"
      singular="article"
      feature="Articles"
      time={(a) => a.publishedAt}
      howToFill={
        <>
          Push one with <code>npx newswatch push FILE</code> or <code>POST /articles</code>, or add a feed on the{' '}
          <a href={href('feeds')}>Feeds</a> page; this list refreshes by itself.
        </>
      }
      list={(items) => <ArticleList items={items} />}
    />
  );
}
