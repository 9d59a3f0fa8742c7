import { sha256Hex } from '../core/hash';
import type { Watchlist } from '../core/watchlist';
import { loadWatchlist, readWatchlistRevision } from './watchlist-repository';
import type { Table } from './table';

export interface VersionedWatchlist {
  watchlist: Watchlist;
  /** Content hash: equal versions mean equal watchlists, so derived matchers can be reused. */
  version: string;
}

export interface WatchlistCache {
  get(): Promise<VersionedWatchlist>;
  /**
   * Calls `listener` with each newly read version and waits for it (a promise it returns) before any caller
   * is handed that version: derived state (the tagger) is rebuilt where the read happens, in the background
   * when it does, and callers keep the previous version until it is ready. `waited` says whether a caller
   * is waiting for this read (a first use, or a use after idle) rather than served meanwhile.
   */
  onNewVersion(listener: (fresh: VersionedWatchlist, waited: boolean) => void | Promise<void>): void;
  /** Forget the cached copy (after this Lambda edits the watchlist itself). */
  invalidate(): void;
}

interface Cached {
  value: VersionedWatchlist;
  revision: number | undefined;
  loadedAt: number;
  checkedAt: number;
}

/**
 * The change counter is moved by every edit made through newswatch; an item written some other way (a
 * restore, a hand edit in the console) is picked up by a full read at least this often.
 */
export const FULL_RELOAD_MS = 10 * 60_000;
/** A copy older than this many TTLs is re-checked before use rather than in the background. */
const STALE_LIMIT_TTLS = 2;

/**
 * Keeps the watchlist in memory and re-checks it every `ttlMs`, so an edit reaches every Lambda within
 * the TTL. A check is one GetItem of the watchlist's change counter; the whole watchlist (10,000 people is
 * megabytes) is read again only when the counter moved, or after FULL_RELOAD_MS. Under steady traffic the
 * check runs in the background while callers keep the copy they have (stale while revalidating), so a
 * request never waits for it; a copy older than twice the TTL (traffic was idle) is checked before it is
 * used, so an edit always applies within the TTL of its first use. TTL 0 means no cache: every call
 * reads the whole watchlist (the API, off the hot path, wants an edit visible to the very next request). Concurrent callers share one in-flight read.
 */
export function createWatchlistCache(table: Table, ttlMs: number, now: () => number = () => Date.now()): WatchlistCache {
  let cached: Cached | undefined;
  let inFlight: Promise<Cached> | undefined;
  const listeners: Array<(fresh: VersionedWatchlist, waited: boolean) => void | Promise<void>> = [];

  const loadAll = async (): Promise<Cached> => {
    const { watchlist, revision } = await loadWatchlist(table);
    const at = now();
    return { value: { watchlist, version: sha256Hex(JSON.stringify(watchlist)) }, revision, loadedAt: at, checkedAt: at };
  };
  const recheck = async (current: Cached): Promise<Cached> => {
    if (now() - current.loadedAt >= FULL_RELOAD_MS) return loadAll();
    const revision = await readWatchlistRevision(table);
    if (revision !== undefined && revision === current.revision) return { ...current, checkedAt: now() };
    return loadAll();
  };
  const refresh = (waited: boolean): Promise<Cached> => {
    if (!inFlight) {
      const started = cached ? recheck(cached) : loadAll();
      inFlight = started
        .then(async (fresh) => {
          if (fresh.value.version !== cached?.value.version) for (const listener of listeners) await listener(fresh.value, waited);
          cached = fresh;
          return fresh;
        })
        .finally(() => {
          inFlight = undefined;
        });
    }
    return inFlight;
  };

  return {
    async get() {
      if (ttlMs <= 0) return (await loadAll()).value;
      if (!cached) return (await refresh(true)).value;
      const age = now() - cached.checkedAt;
      if (age < ttlMs) return cached.value;
      if (age >= STALE_LIMIT_TTLS * ttlMs) return (await refresh(true)).value;
      // A failed background check keeps the copy we have; the next call after the TTL tries again.
      refresh(false).catch(() => undefined);
      return cached.value;
    },
    onNewVersion(listener) {
      listeners.push(listener);
    },
    invalidate() {
      cached = undefined;
    },
  };
}
