/** One article: title and body with every mention and piece of evidence highlighted, then the evidence listed. */
import { get } from '../api';
import { href } from '../router';
import { formatScore, formatTime, safeHttpUrl } from '../ui/format';
import { Highlighted, marksOf } from '../ui/highlighted';
import { Loaded } from '../ui/loaded';
import { personName, useSession } from '../ui/session-context';
import { useData } from '../ui/use-data';
import type { Article } from '../types';

function Evidence({ article }: { article: Article }) {
  const { watchlist } = useSession();
  return (
    <section aria-labelledby="evidence-heading" class="evidence">
      <h2 id="evidence-heading">Evidence</h2>
      {article.tags.people.length === 0 && article.tags.topics.length === 0 && <p>Nothing on the watchlist matched this article.</p>}
      <ul>
        {article.tags.people.map((p) => (
          <li key={`p:${p.id}`}>
            <mark class="person">{personName(watchlist, p.id)}</mark> — {p.mentions.length} mention{p.mentions.length === 1 ? '' : 's'}:{' '}
            {[...new Set(p.mentions.map((m) => m.text))].join(', ')}
          </li>
        ))}
        {article.tags.topics.map((t) => (
          <li key={`t:${t.id}`}>
            <mark class="topic">{t.id}</mark> — score <span class="score">{formatScore(t.score)}</span>, {t.evidence.length} piece
            {t.evidence.length === 1 ? '' : 's'} of evidence: {[...new Set(t.evidence.map((e) => e.text))].join(', ')}
          </li>
        ))}
      </ul>
    </section>
  );
}

function ArticleBody({ article }: { article: Article }) {
  const link = safeHttpUrl(article.url);
  return (
    <article class="article">
      <h1 class="article-title">
        <Highlighted text={article.title || '(untitled)'} marks={article.title ? marksOf(article, 'title') : []} />
      </h1>
      <p class="meta">
        {article.source ?? 'unknown source'} · published {formatTime(article.publishedAt)} · ingested {formatTime(article.ingestedAt)}
        {article.language && ` · ${article.language}`}
        {article.storyId && (
          <>
            {' · '}
            <a href={href('stories', article.storyId)}>its story</a>
          </>
        )}
      </p>
      {link ? (
        <p class="meta">
          <a href={link} rel="noopener noreferrer nofollow" target="_blank">
            {link}
          </a>
        </p>
      ) : (
        article.url && <p class="meta">{article.url}</p>
      )}
      <p class="legend" aria-hidden="true">
        <mark class="person">person</mark> <mark class="topic">topic evidence</mark>
      </p>
      <div class="body">
        <Highlighted text={article.body} marks={marksOf(article, 'body')} />
      </div>
      <Evidence article={article} />
    </article>
  );
}

export function ArticleView({ id }: { id: string }) {
  const state = useData(() => get<Article>(`/articles/${encodeURIComponent(id)}`), [id]);
  return (
    <Loaded state={state} what="the article" feature="Articles">
      {(article) => <ArticleBody article={article} />}
    </Loaded>
  );
}
