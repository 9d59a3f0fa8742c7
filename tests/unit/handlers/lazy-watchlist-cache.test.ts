import './support/env';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Table } from '../../../functions/adapters/table';
import type { WatchlistCache } from '../../../functions/adapters/watchlist-cache';
import { lazyWatchlistCache } from '../../../functions/handlers/lazy-watchlist-cache';
import { logger } from '../../../functions/handlers/observability';

const table = {} as Table;
const fresh = { watchlist: { people: [], topics: [] }, version: 'v1' };

/** A module whose first load fails (a missing chunk, a throw at import) and whose next load works. */
function failingOnce() {
  const built: WatchlistCache = { get: vi.fn(async () => fresh), onNewVersion: vi.fn(), invalidate: vi.fn() };
  const load = vi
    .fn()
    .mockRejectedValueOnce(new Error('Cannot find module'))
    .mockResolvedValue({ createWatchlistCache: () => built });
  return { built, load };
}

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
beforeEach(() => {
  unhandled.length = 0;
  process.on('unhandledRejection', onUnhandled);
});
afterEach(() => {
  process.off('unhandledRejection', onUnhandled);
  vi.restoreAllMocks();
});

describe("the API's lazily loaded watchlist cache", () => {
  it('logs a module that failed to load for a listener instead of leaving an unhandled rejection', async () => {
    const { load } = failingOnce();
    const error = vi.spyOn(logger, 'error').mockImplementation(() => undefined);

    lazyWatchlistCache(table, load).onNewVersion(() => undefined);
    await settle();

    expect(unhandled).toEqual([]);
    expect(error).toHaveBeenCalledTimes(1);
  });

  it('loads the module again on the next request, and hands it the listener registered meanwhile', async () => {
    const { built, load } = failingOnce();
    vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    const cache = lazyWatchlistCache(table, load);
    const listener = () => undefined;

    cache.onNewVersion(listener);
    await settle();
    const read = await cache.get();

    expect(read).toBe(fresh);
    expect(load).toHaveBeenCalledTimes(2);
    expect(built.onNewVersion).toHaveBeenCalledWith(listener);
  });

  it('fails only the request that needed the module while it could not load', async () => {
    const { load } = failingOnce();
    const cache = lazyWatchlistCache(table, load);

    await expect(cache.get()).rejects.toThrow('Cannot find module');
    await expect(cache.get()).resolves.toBe(fresh);
  });
});
