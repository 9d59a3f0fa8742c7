import type { WatchlistCache } from '../adapters/watchlist-cache';
import { createTagger, type Tagger } from '../core/tagger/index';
import type { Watchlist } from '../core/watchlist';

export interface CurrentTagger {
  tagger: Tagger;
  /** Display name per tracked person id, stored with each article (built once per watchlist, not per article). */
  personNames: ReadonlyMap<string, string>;
}

function build(watchlist: Watchlist): CurrentTagger {
  return { tagger: createTagger(watchlist), personNames: new Map(watchlist.people.map((p) => [p.id, p.name])) };
}

/** The tagger for the current watchlist, rebuilt only when the watchlist's content changes. */
export function createTaggerSource(watchlists: WatchlistCache): () => Promise<CurrentTagger> {
  let built: { version: string; current: CurrentTagger } | undefined;
  return async () => {
    const { watchlist, version } = await watchlists.get();
    if (built?.version !== version) built = { version, current: build(watchlist) };
    return built.current;
  };
}
