import { sha256Hex } from '../core/hash';
import type { Watchlist } from '../core/watchlist';
import { loadWatchlist } from './watchlist-repository';
import type { Table } from './table';

export interface VersionedWatchlist {
  watchlist: Watchlist;
  /** Content hash: equal versions mean equal watchlists, so derived matchers can be reused. */
  version: string;
}

export interface WatchlistCache {
  get(): Promise<VersionedWatchlist>;
  /** Forget the cached copy (after this Lambda edits the watchlist itself). */
  invalidate(): void;
}

/**
 * Keeps the watchlist in memory for `ttlMs`, so a warm Lambda reads it at most once per TTL and an
 * edit reaches every Lambda within TTL. Concurrent callers share one in-flight read.
 */
export function createWatchlistCache(table: Table, ttlMs: number, now: () => number = () => Date.now()): WatchlistCache {
  let cached: { value: Promise<VersionedWatchlist>; at: number } | undefined;
  const load = async (): Promise<VersionedWatchlist> => {
    const watchlist = await loadWatchlist(table);
    return { watchlist, version: sha256Hex(JSON.stringify(watchlist)) };
  };
  return {
    get() {
      if (!cached || now() - cached.at >= ttlMs) {
        const value = load();
        const entry = { value, at: now() };
        cached = entry;
        value.catch(() => {
          if (cached === entry) cached = undefined;
        });
      }
      return cached.value;
    },
    invalidate() {
      cached = undefined;
    },
  };
}
