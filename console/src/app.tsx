/** The console: sign-in, then a navigation bar and one view at a time (hash routes). */
import { useMemo, useState } from 'preact/hooks';
import { get } from './api';
import { forgetKey, readKey } from './session';
import { href, useRoute } from './router';
import { Loaded } from './ui/loaded';
import { SessionContext } from './ui/session-context';
import { useData } from './ui/use-data';
import type { Watchlist } from './types';
import { AlertsView } from './views/alerts';
import { ArticleView } from './views/article';
import { ArticlesView } from './views/articles';
import { FeedsView } from './views/feeds';
import { SignIn } from './views/sign-in';
import { StoriesView, StoryView } from './views/stories';
import { SubscriptionsView } from './views/subscriptions';
import { WatchlistView } from './views/watchlist';

const NAV = [
  ['stories', 'Stories'],
  ['articles', 'Articles'],
  ['watchlist', 'Watchlist'],
  ['subscriptions', 'Subscriptions'],
  ['feeds', 'Feeds'],
  ['alerts', 'Sent alerts'],
] as const;

function View({ view, id }: { view: string; id?: string }) {
  switch (view) {
    case 'stories':
      return id ? <StoryView id={id} /> : <StoriesView />;
    case 'articles':
      return id ? <ArticleView id={id} /> : <ArticlesView />;
    case 'watchlist':
      return <WatchlistView />;
    case 'subscriptions':
      return <SubscriptionsView />;
    case 'feeds':
      return <FeedsView />;
    case 'alerts':
      return <AlertsView />;
    default:
      return (
        <p class="state">
          There is no page “{view}”. <a href={href('stories')}>Go to the stories</a>.
        </p>
      );
  }
}

function Shell({ signOut }: { signOut(reason?: string): void }) {
  const route = useRoute();
  const watchlistState = useData(() => get<Watchlist>('/watchlist'), []);
  const watchlist = watchlistState.data ?? { people: [], topics: [] };
  const session = useMemo(() => ({ signOut, watchlist, reloadWatchlist: watchlistState.reload }), [signOut, watchlistState.data]);
  return (
    <SessionContext.Provider value={session}>
      {/* A button that moves the focus: a link to #main would be taken for a page by the hash router. */}
      <button type="button" class="skip" onClick={() => document.getElementById('main')?.focus()}>
        Skip to content
      </button>
      <header>
        <span class="brand">newswatch</span>
        <nav aria-label="Views">
          {NAV.map(([view, label]) => (
            <a key={view} href={href(view)} aria-current={route.view === view ? 'page' : undefined}>
              {label}
            </a>
          ))}
        </nav>
        <button type="button" onClick={() => signOut()}>
          Sign out
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        <Loaded state={watchlistState} what="the watchlist" feature="The watchlist">
          {() => <View view={route.view} id={route.id} />}
        </Loaded>
      </main>
    </SessionContext.Provider>
  );
}

export function App() {
  const [key, setKey] = useState(readKey());
  const [notice, setNotice] = useState<string>();
  const signOut = useMemo(
    () => (reason?: string) => {
      forgetKey();
      setNotice(reason);
      setKey(null);
    },
    [],
  );
  if (!key)
    return (
      <SignIn
        notice={notice}
        onSignedIn={(k) => {
          setNotice(undefined);
          setKey(k);
        }}
      />
    );
  // The shell's own watchlist read signs out on a refused key too: it runs above the shell's provider.
  return (
    <SessionContext.Provider value={{ signOut, watchlist: NO_WATCHLIST, reloadWatchlist: () => undefined }}>
      <Shell signOut={signOut} />
    </SessionContext.Provider>
  );
}

const NO_WATCHLIST: Watchlist = { people: [], topics: [] };
