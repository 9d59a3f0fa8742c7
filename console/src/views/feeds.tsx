/** Feeds newswatch polls: add, remove, and see how each is doing (last poll, status, last error). */
import { useState } from 'preact/hooks';
import { del, get, post } from '../api';
import { useAction } from '../ui/action';
import { ConfirmButton } from '../ui/confirm-button';
import { FormActions } from '../ui/form-actions';
import { FormError } from '../ui/form-error';
import { formatTime } from '../ui/format';
import { href } from '../router';
import { Loaded } from '../ui/loaded';
import { Empty } from '../ui/states';
import { useData } from '../ui/use-data';
import type { Feed, Page } from '../types';

const DEFAULT_EVERY_MINUTES = 15;

/** The form adding a feed. `listed`: the ids of the feeds shown, so a feed added again is said to be there already. */
function FeedForm({ onAdded, listed }: { onAdded(): void; listed: readonly string[] }) {
  const [url, setUrl] = useState('');
  const [source, setSource] = useState('');
  const [every, setEvery] = useState(String(DEFAULT_EVERY_MINUTES));
  const [fullText, setFullText] = useState(false);
  const [already, setAlready] = useState<string | undefined>();
  const { busy, error, run, clear } = useAction();
  const submit = async (e: Event) => {
    e.preventDefault();
    setAlready(undefined);
    const body = { url, ...(source.trim() && { source: source.trim() }), everyMinutes: Number(every), ...(fullText && { fullText }) };
    let added: Feed | undefined;
    const sent = await run(async () => {
      added = await post<Feed>('/feeds', body);
    });
    if (sent) {
      // The same feed with the same settings is answered as it is (200): say so, rather than seem to add it.
      if (added && listed.includes(added.id)) setAlready(added.url);
      // The next feed starts from the defaults again: full text stays off unless asked for.
      setUrl('');
      setSource('');
      setEvery(String(DEFAULT_EVERY_MINUTES));
      setFullText(false);
      onAdded();
    }
  };
  return (
    <form class="panel" onSubmit={submit} onInvalidCapture={clear} aria-label="Add a feed">
      <h2>Add a feed</h2>
      <label for="feed-url">Feed URL (RSS, Atom or JSON Feed)</label>
      <input id="feed-url" type="url" required value={url} onInput={(e) => setUrl(e.currentTarget.value)} />
      <label for="feed-source">Source name (optional; default: the site's host)</label>
      <input id="feed-source" value={source} onInput={(e) => setSource(e.currentTarget.value)} />
      <label for="feed-every">Poll every (minutes, 5–1440)</label>
      <input id="feed-every" type="number" min="5" max="1440" required value={every} onInput={(e) => setEvery(e.currentTarget.value)} />
      <label class="check">
        <input type="checkbox" checked={fullText} onChange={(e) => setFullText(e.currentTarget.checked)} /> Fetch each article's full text
      </label>
      <FormError error={error} feature="Feeds" />
      {already && (
        <p class="state" role="status">
          {already} is on the list already, with these settings: nothing changed.
        </p>
      )}
      <FormActions submit={'Add feed'} busy={busy} />
    </form>
  );
}

const STATUS_TEXT: Record<string, string> = { pending: 'not polled yet', ok: 'ok', not_modified: 'ok (unchanged)', error: 'failing' };

function statusText(feed: Feed): string {
  const text = STATUS_TEXT[feed.lastStatus ?? 'pending'] ?? feed.lastStatus ?? '';
  return feed.lastHttpStatus ? `${text} (HTTP ${feed.lastHttpStatus})` : text;
}

function FeedTable({ items, onRemove, busy }: { items: Feed[]; onRemove(id: string): void; busy: boolean }) {
  return (
    <table>
      <caption class="visually-hidden">Feeds</caption>
      <thead>
        <tr>
          <th scope="col">Feed</th>
          <th scope="col">Every</th>
          <th scope="col">Last poll</th>
          <th scope="col">Status</th>
          <th scope="col">Articles</th>
          <th scope="col">
            <span class="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {items.map((f) => (
          <tr key={f.id} data-feed-id={f.id} class={f.lastError ? 'failing' : undefined}>
            <td>
              {f.source && <strong>{f.source} </strong>}
              <span class="url">{f.url}</span>
              {f.lastError && (
                <p class="feed-error">
                  <strong>Last error:</strong> {f.lastError}
                </p>
              )}
            </td>
            <td>{f.everyMinutes} min</td>
            <td>{formatTime(f.lastPolledAt)}</td>
            <td>{statusText(f)}</td>
            <td>{f.articles ?? 0}</td>
            <td>
              <ConfirmButton label="Remove" confirmLabel="Remove feed" disabled={busy} onConfirm={() => onRemove(f.id)} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function FeedsView() {
  const state = useData(() => get<Page<Feed>>('/feeds'), [], true);
  const { busy, error, run } = useAction();
  const remove = (id: string) => void run(() => del(`/feeds/${encodeURIComponent(id)}`)).then(state.reload);
  const pollNow = () => void run(() => post('/feeds/poll', {})).then(state.reload);
  const unavailable = state.error?.kind === 'unavailable';
  return (
    <section aria-labelledby="feeds-heading">
      <h1 id="feeds-heading">Feeds</h1>
      <FormError error={error} feature="Feeds" />
      {!unavailable && (
        <p class="hint">
          Feeds are polled on their schedule; new items appear under <a href={href('articles')}>Articles</a>.{' '}
          <button type="button" disabled={busy} onClick={pollNow}>
            Poll all now
          </button>
        </p>
      )}
      <Loaded state={state} what="feeds" feature="Feeds">
        {(page) =>
          page.items.length === 0 ? (
            <Empty>No feeds yet. Add an RSS, Atom or JSON Feed URL below and newswatch polls it for new articles.</Empty>
          ) : (
            <FeedTable items={page.items} onRemove={remove} busy={busy} />
          )
        }
      </Loaded>
      {!unavailable && <FeedForm onAdded={state.reload} listed={state.data?.items.map((f) => f.id) ?? []} />}
    </section>
  );
}
