/**
 * A bounded cache of recent entries: at most `max` entries, each kept `ttlMs` after it was set, the
 * least recently used dropped first when a new key would exceed `max`. A Map keeps its keys in
 * insertion order, so moving an entry to the end on every use makes the first key the least recently
 * used one.
 *
 * Why not lru-cache: the story caches on ingest's and the feed poller's path need only get and set with
 * a count bound and an age limit, and lru-cache (≈ 18 KB minified, perf_hooks at import) was parsed and
 * evaluated at every cold start of those functions (docs/benchmarks.md, "Lambda cold start").
 */
export class RecentCache<K, V> {
  readonly #entries = new Map<K, { readonly value: V; readonly until: number }>();

  /** `now` is the clock the age limit reads, milliseconds (Date.now unless a test passes its own). */
  constructor(
    private readonly max: number,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {
    if (!(max >= 1 && ttlMs > 0)) throw new RangeError('a RecentCache needs max ≥ 1 and ttlMs > 0');
  }

  /** The entry's value while it is younger than ttlMs (it becomes the most recently used), else undefined. */
  get(key: K): V | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    this.#entries.delete(key);
    if (entry.until <= this.now()) return undefined;
    this.#entries.set(key, entry);
    return entry.value;
  }

  /** Sets the entry (fresh for ttlMs, most recently used), dropping the least recently used beyond max. */
  set(key: K, value: V): void {
    this.#entries.delete(key);
    this.#entries.set(key, { value, until: this.now() + this.ttlMs });
    if (this.#entries.size > this.max) this.#entries.delete(this.#entries.keys().next().value as K);
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
