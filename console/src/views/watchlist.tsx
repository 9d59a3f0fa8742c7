/** The watchlist: people (name, aliases, exclude phrases) and topics, added, edited and removed without a redeploy. */
import { useEffect, useState } from 'preact/hooks';
import { del } from '../api';
import { useAction } from '../ui/action';
import { ConfirmButton } from '../ui/confirm-button';
import { focusFirstButton } from '../ui/focus';
import { FormError } from '../ui/form-error';
import { useSession } from '../ui/session-context';
import { Empty } from '../ui/states';
import { PersonForm } from './person-form';
import { TopicForm } from './topic-form';

type Editing = { kind: 'person' | 'topic'; id: string } | undefined;

export function WatchlistView() {
  const { watchlist, reloadWatchlist } = useSession();
  const [editing, setEditing] = useState<Editing>();
  // Read again whenever this page opens: the watchlist may have been edited through the API or another tab.
  useEffect(() => reloadWatchlist(), []);
  const { busy, error, run } = useAction();
  const remove = (kind: 'people' | 'topics', id: string) =>
    run(() => del(`/watchlist/${kind}/${encodeURIComponent(id)}`)).then(reloadWatchlist);
  /** Closes the edit form, the focus back on the entry's Edit button. */
  const close = () => {
    if (editing) focusFirstButton(`[data-${editing.kind}-id="${CSS.escape(editing.id)}"] .actions`);
    setEditing(undefined);
  };
  const saved = () => {
    close();
    reloadWatchlist();
  };

  return (
    <section aria-labelledby="watchlist-heading">
      <h1 id="watchlist-heading">Watchlist</h1>
      <p class="hint">New articles are tagged with changes within a minute; articles already stored keep their tags.</p>
      <FormError error={error} feature="Editing the watchlist" />
      <h2>People</h2>
      {watchlist.people.length === 0 && <Empty>Nobody is followed yet: add a person below.</Empty>}
      <ul class="entries" aria-label="People">
        {watchlist.people.map((p) =>
          editing?.kind === 'person' && editing.id === p.id ? (
            <li key={p.id}>
              <PersonForm person={p} onSaved={saved} onStale={reloadWatchlist} onCancel={close} />
            </li>
          ) : (
            <li key={p.id} class="entry" data-person-id={p.id}>
              <strong>{p.name}</strong> <code>{p.id}</code>
              {p.aliases?.length ? <span class="meta"> · also {p.aliases.join(', ')}</span> : null}
              {(p as { exclude?: string[] }).exclude?.length ? (
                <span class="meta"> · not in {(p as { exclude?: string[] }).exclude?.join(', ')}</span>
              ) : null}
              <span class="actions">
                <button type="button" onClick={() => setEditing({ kind: 'person', id: p.id })}>
                  Edit<span class="visually-hidden"> {p.name}</span>
                </button>
                <ConfirmButton
                  label={`Remove`}
                  confirmLabel={`Remove ${p.name}`}
                  disabled={busy}
                  onConfirm={() => void remove('people', p.id)}
                />
              </span>
            </li>
          ),
        )}
      </ul>
      <PersonForm onSaved={saved} onStale={reloadWatchlist} />
      <h2>Topics</h2>
      {watchlist.topics.length === 0 && <Empty>No topic is followed yet: add one below (prisoner-exchange is built in).</Empty>}
      <ul class="entries" aria-label="Topics">
        {watchlist.topics.map((t) =>
          editing?.kind === 'topic' && editing.id === t.id ? (
            <li key={t.id}>
              <TopicForm topic={t} onSaved={saved} onStale={reloadWatchlist} onCancel={close} />
            </li>
          ) : (
            <li key={t.id} class="entry" data-topic-id={t.id}>
              <strong>{t.id}</strong> <span class="meta">{'terms' in t ? 'defined here' : 'built in'}</span>
              {t.exclude?.length ? <span class="meta"> · not with {t.exclude.join(', ')}</span> : null}
              <span class="actions">
                <button type="button" onClick={() => setEditing({ kind: 'topic', id: t.id })}>
                  Edit<span class="visually-hidden"> {t.id}</span>
                </button>
                <ConfirmButton
                  label="Remove"
                  confirmLabel={`Remove ${t.id}`}
                  disabled={busy}
                  onConfirm={() => void remove('topics', t.id)}
                />
              </span>
            </li>
          ),
        )}
      </ul>
      <TopicForm onSaved={saved} onStale={reloadWatchlist} />
    </section>
  );
}
