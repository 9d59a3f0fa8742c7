import { LruMap } from 'toad-cache';

/**
 * A bounded cache of recent entries: at most `max` entries, each kept `ttlMs` after it was set, the
 * least recently used dropped first when a new key would exceed `max`. toad-cache's LruMap does the
 * work (exact LRU order over a Map, an age limit from each set, an expired entry dropped when read);
 * this class only refuses a bound that would hold nothing (LruMap reads a max of 0 as unbounded, and a
 * cache keyed by client input must be bounded) and keeps the story caches' narrow interface.
 *
 * Why toad-cache (docs/benchmarks.md, "Lambda cold start", "A library for the story caches"): lru-cache
 * (≈ 18 KB minified, perf_hooks at import) was evaluated at every cold start of ingest and the feed
 * poller, and a hand-written Map replaced it; toad-cache's LruMap is 1.9 KB minified and costs their init
 * +0.06 % instructions over that hand-written cache (callgrind, `--predictable`), where quick-lru,
 * hashlru and ylru bound the count only roughly (up to twice `max`), mnemonist's LRUMap, lru.min and
 * flru have no age limit, @isaacs/ttlcache evicts by age, not use, and tiny-lru is three times larger.
 */
export class RecentCache<K, V> {
  readonly #entries: LruMap<V>;

  constructor(max: number, ttlMs: number) {
    if (!(Number.isInteger(max) && max >= 1 && Number.isInteger(ttlMs) && ttlMs > 0)) {
      throw new RangeError('a RecentCache needs a whole max ≥ 1 and a whole ttlMs > 0');
    }
    this.#entries = new LruMap<V>(max, ttlMs);
  }

  /** The entry's value while it is younger than ttlMs (it becomes the most recently used), else undefined. */
  get(key: K): V | undefined {
    return this.#entries.get(key);
  }

  /** Sets the entry (fresh for ttlMs, most recently used), dropping the least recently used beyond max. */
  set(key: K, value: V): void {
    this.#entries.set(key, value);
  }

  /** Forgets the entry. */
  delete(key: K): void {
    this.#entries.delete(key);
  }

  /** Entries held, expired ones not yet dropped included (they go when read or pushed out). */
  get size(): number {
    return this.#entries.size;
  }
}
