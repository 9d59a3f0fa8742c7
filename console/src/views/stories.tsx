/** The latest stories (articles that report the same event, grouped by the server), refreshed every few seconds. */
import { get } from '../api';
import { href } from '../router';
import { formatTime, safeHttpUrl } from '../ui/format';
import { LatestView } from '../ui/latest-view';
import { Loaded } from '../ui/loaded';
import { Tags } from '../ui/tags';
import { useData } from '../ui/use-data';
import type { Story, StoryDetail } from '../types';

function StoryMeta({ story }: { story: Story }) {
  return (
    <p class="meta">
      {story.articleCount} article{story.articleCount === 1 ? '' : 's'} · {story.sources.join(', ') || 'unknown source'}
      {story.languages.length > 0 && ` · ${story.languages.join(', ')}`} · first {formatTime(story.firstSeenAt)} · last{' '}
      {formatTime(story.lastSeenAt)}
    </p>
  );
}

function StoryList({ items }: { items: Story[] }) {
  return (
    <ol class="cards" aria-label="Stories">
      {items.map((s) => (
        <li key={s.id} class="card" data-story-id={s.id}>
          <a class="title" href={href('stories', s.id)}>
            {s.title || '(untitled)'}
          </a>
          <StoryMeta story={s} />
          <Tags people={s.people} topics={s.topics} />
        </li>
      ))}
    </ol>
  );
}

export function StoriesView() {
  return (
    <LatestView<Story>
      path="/stories"
      plural="stories"
      singular="story"
      feature="Stories"
      time={(s) => s.lastSeenAt}
      howToFill={
        <>
          A story appears with the first article that names someone or something on the watchlist: push one with{' '}
          <code>npx newswatch push FILE</code>, or add a feed on the <a href={href('feeds')}>Feeds</a> page.
        </>
      }
      list={(items) => <StoryList items={items} />}
    />
  );
}

export function StoryView({ id }: { id: string }) {
  const state = useData(() => get<StoryDetail>(`/stories/${encodeURIComponent(id)}`), [id], true);
  return (
    <Loaded state={state} what="the story" feature="Stories">
      {(story) => (
        <section aria-labelledby="story-heading">
          <h1 id="story-heading">{story.title || '(untitled)'}</h1>
          <StoryMeta story={story} />
          <Tags people={story.people} topics={story.topics} />
          <h2>Articles</h2>
          <ol class="cards">
            {story.articles.map((a) => (
              <li key={a.id} class="card">
                <a class="title" href={href('articles', a.id)}>
                  {a.title || '(untitled)'}
                </a>
                <p class="meta">
                  {a.source ?? 'unknown source'} · {formatTime(a.publishedAt)}
                  {a.language && ` · ${a.language}`}
                  {safeHttpUrl(a.url) && (
                    <>
                      {' · '}
                      <a href={safeHttpUrl(a.url)} rel="noopener noreferrer nofollow" target="_blank">
                        original
                      </a>
                    </>
                  )}
                </p>
              </li>
            ))}
          </ol>
        </section>
      )}
    </Loaded>
  );
}
