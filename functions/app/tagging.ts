import { channel } from 'node:diagnostics_channel';
import type { VersionedWatchlist, WatchlistCache } from '../adapters/watchlist-cache';
import { createTagger, type Tagger } from '../core/tagger/index';

export interface CurrentTagger {
  tagger: Tagger;
  /** Display name per tracked person id, stored with each article (built once per watchlist, not per article). */
  personNames: ReadonlyMap<string, string>;
}

/** What `taggerBuilds` publishes after each build. */
export interface TaggerBuildEvent {
  version: string;
  /** `performance.now()` when the build began, and how long it took. */
  startedAt: number;
  durationMs: number;
}

/**
 * Every tagger build, for benchmarks and diagnostics (`npm run bench:watchlist` subscribes). Publishing
 * costs nothing when nobody subscribes, so it stays on in production.
 */
export const taggerBuilds = channel('newswatch:tagger-build');

function build({ watchlist }: VersionedWatchlist): CurrentTagger {
  return { tagger: createTagger(watchlist), personNames: new Map(watchlist.people.map((p) => [p.id, p.name])) };
}

/**
 * The tagger for the current watchlist, built once per watchlist version, in the same task that read the
 * new version: under steady traffic that is the cache's background re-check, so a 10,000-person rebuild
 * does not sit inside any request; only a first use, or a use after idle, builds before answering.
 */
export function createTaggerSource(
  watchlists: WatchlistCache,
  buildTagger: (fresh: VersionedWatchlist) => CurrentTagger = build,
): () => Promise<CurrentTagger> {
  let built: { version: string; current: CurrentTagger } | undefined;
  const rebuild = (fresh: VersionedWatchlist) => {
    const startedAt = performance.now();
    built = { version: fresh.version, current: buildTagger(fresh) };
    if (taggerBuilds.hasSubscribers) {
      const event: TaggerBuildEvent = { version: fresh.version, startedAt, durationMs: performance.now() - startedAt };
      taggerBuilds.publish(event);
    }
  };
  watchlists.onNewVersion(rebuild);
  return async () => {
    const fresh = await watchlists.get();
    if (built?.version !== fresh.version) rebuild(fresh);
    return built!.current;
  };
}
