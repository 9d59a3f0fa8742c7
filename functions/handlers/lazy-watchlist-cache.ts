import type { Table } from '../adapters/table';
import type { WatchlistCache } from '../adapters/watchlist-cache';
import { logger } from './observability';

type WatchlistCacheModule = Pick<typeof import('../adapters/watchlist-cache'), 'createWatchlistCache'>;
type Listener = Parameters<WatchlistCache['onNewVersion']>[0];

/**
 * The watchlist as the API reads it: TTL 0, fresh on every read, so an edit is visible to the next GET
 * or subscribe at once (only ingest, on the hot path, caches it). Its module, with the watchlist schemas
 * and the built-in topics, loads with the first watchlist or subscription request, like the route
 * groups: the other routes never need it, and it was ≈ 0.05 × of the API's cold start.
 *
 * A failed load is not kept: the request that needed it fails, and the next one loads again. A listener
 * registered before the module is there is handed to the cache when it is built, so its registration
 * never becomes an unhandled rejection.
 */
export function lazyWatchlistCache(
  table: Table,
  load: () => Promise<WatchlistCacheModule> = () => import('../adapters/watchlist-cache'),
): WatchlistCache {
  let built: WatchlistCache | undefined;
  let loading: Promise<WatchlistCache> | undefined;
  const waiting: Listener[] = [];
  const cache = (): Promise<WatchlistCache> => {
    if (built) return Promise.resolve(built);
    loading ??= load().then(
      (module) => {
        built = module.createWatchlistCache(table, 0);
        for (const listener of waiting.splice(0)) built.onNewVersion(listener);
        return built;
      },
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    );
    return loading;
  };
  return {
    get: async () => (await cache()).get(),
    onNewVersion: (listener) => {
      if (built) return built.onNewVersion(listener);
      waiting.push(listener);
      cache().catch((error: unknown) => logger.error('The watchlist module did not load; the next request loads it again', error as Error));
    },
    // A cache not built yet holds nothing to forget.
    invalidate: () => built?.invalidate(),
  };
}
