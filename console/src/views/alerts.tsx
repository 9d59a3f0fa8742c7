/** What was sent: every alert and digest, newest first, with its ingest-to-publish latency. */
import { useState } from 'preact/hooks';
import { get, withQuery } from '../api';
import { type Newest, PAGE_SIZE } from '../latest';
import { href } from '../router';
import { PersonSelect, TopicSelect } from '../ui/filters';
import { formatTime } from '../ui/format';
import { Loaded } from '../ui/loaded';
import { ShowMore } from '../ui/show-more';
import { Empty } from '../ui/states';
import { Tags } from '../ui/tags';
import { usePagedData } from '../ui/use-paged-data';
import type { Page, SentAlert } from '../types';

/** Articles linked from each row; the rest are counted. */
const LINKED_ARTICLES = 3;

/** The articles a row counts but does not link: past the first few, and those a digest's log entry left out. */
const unlisted = (alert: SentAlert) => Math.max(0, alert.articleIds.length - LINKED_ARTICLES) + (alert.omittedArticles ?? 0);

function AlertRow({ alert }: { alert: SentAlert }) {
  return (
    <tr data-alert-id={alert.alertId}>
      <td>{formatTime(alert.publishedAt)}</td>
      <td>{alert.kind}</td>
      <td>
        <Tags people={alert.people} topics={alert.topics} />
      </td>
      <td>
        {alert.storyId && (
          <a href={href('stories', alert.storyId)}>
            story<span class="visually-hidden"> {alert.storyId}</span>
          </a>
        )}{' '}
        {alert.articleIds.slice(0, LINKED_ARTICLES).map((id, i) => (
          <a key={id} href={href('articles', id)}>
            article {i + 1}{' '}
          </a>
        ))}
        {unlisted(alert) > 0 && <span class="meta">+{unlisted(alert)} more</span>}
      </td>
      <td class="number">{alert.latencyMs === undefined ? '—' : `${alert.latencyMs} ms`}</td>
    </tr>
  );
}

/** The `want` newest alerts sent (about the person or the topic of `about`, when given), read page by page. */
async function sentAlerts(about: About, want: number): Promise<Newest<SentAlert>> {
  const items: SentAlert[] = [];
  let cursor: string | undefined;
  do {
    const page = await get<Page<SentAlert>>(withQuery('/alerts', { ...about, limit: PAGE_SIZE, cursor }));
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== undefined && items.length < want);
  return { items: items.slice(0, want), more: items.length > want || cursor !== undefined };
}

/** The alerts' filter: a person or a topic (`GET /alerts` takes one of them), or neither. */
type About = { person?: string; topic?: string };

export function AlertsView() {
  const [about, setAbout] = useState<About>({});
  const { state, showMore } = usePagedData((want) => sentAlerts(about, want), [about.person, about.topic]);
  return (
    <section aria-labelledby="alerts-heading">
      <h1 id="alerts-heading">What was sent</h1>
      {/* Choosing a person clears the topic and the other way round: the API filters by one of them. */}
      <form class="filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
        <PersonSelect value={about.person ?? ''} onChange={(person) => setAbout(person ? { person } : {})} />
        <TopicSelect value={about.topic ?? ''} onChange={(topic) => setAbout(topic ? { topic } : {})} />
      </form>
      <Loaded state={state} what="alerts" feature="The record of sent alerts">
        {(page) =>
          page.items.length === 0 ? (
            <Empty>
              Nothing was sent yet. An alert goes out when a new article matches a subscription: create one on the{' '}
              <a href={href('subscriptions')}>Subscriptions</a> page.
            </Empty>
          ) : (
            <>
              <table>
                <caption class="visually-hidden">Sent alerts</caption>
                <thead>
                  <tr>
                    <th scope="col">Sent</th>
                    <th scope="col">Kind</th>
                    <th scope="col">About</th>
                    <th scope="col">Story / articles</th>
                    <th scope="col">Latency</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((a) => (
                    <AlertRow key={a.alertId} alert={a} />
                  ))}
                </tbody>
              </table>
              <ShowMore more={page.more} onClick={showMore} what="alerts" loaded={page.items.length} />
            </>
          )
        }
      </Loaded>
    </section>
  );
}
