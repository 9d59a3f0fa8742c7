import type { WatchlistCache } from '../../adapters/watchlist-cache';
import { createTagger, type Tagger } from '../../core/tagger/index';
import type { Watchlist } from '../../core/watchlist';

export interface CurrentTagger {
  tagger: Tagger;
  watchlist: Watchlist;
}

/** The tagger for the current watchlist, rebuilt only when the watchlist's content changes. */
export function createTaggerSource(watchlists: WatchlistCache): () => Promise<CurrentTagger> {
  let built: { version: string; current: CurrentTagger } | undefined;
  return async () => {
    const { watchlist, version } = await watchlists.get();
    if (built?.version !== version) built = { version, current: { tagger: createTagger(watchlist), watchlist } };
    return built.current;
  };
}
