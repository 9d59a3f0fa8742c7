import { channel } from 'node:diagnostics_channel';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import type { VersionedWatchlist, WatchlistCache } from '../adapters/watchlist-cache';
import type { Tagger } from '../core/tagger/index';

export interface CurrentTagger {
  tagger: Tagger;
  /** Display name per tracked person id, stored with each article (built once per watchlist, not per article). */
  personNames: ReadonlyMap<string, string>;
}

/**
 * The tagger engine: what compiles a watchlist into a tagger. Loaded on first use, not imported, so a
 * deployed function reads it from a file of its own while its first watchlist read is on the wire
 * (functions/handlers/ingest-wiring.ts `loadTaggerEngine`).
 */
export type TaggerEngine = Pick<typeof import('../core/tagger/index'), 'startTaggerBuild'>;
export type LoadTaggerEngine = () => Promise<TaggerEngine>;
/** Builds the tagger for `fresh` with `engine`; `background`: another tagger serves meanwhile, so the build may take longer. */
export type BuildTagger = (fresh: VersionedWatchlist, background: boolean, engine: Promise<TaggerEngine>) => Promise<CurrentTagger>;

/** What `taggerBuilds` publishes after each build. */
export interface TaggerBuildEvent {
  version: string;
  /** `performance.now()` when the build began, and how long it took from start to end (yields included). */
  startedAt: number;
  durationMs: number;
  /** Time spent compiling (the sum of the slices), how many slices, and the longest: what other work waited for at most. */
  busyMs: number;
  slices: number;
  longestSliceMs: number;
}

/**
 * Every tagger build, for benchmarks and diagnostics (`npm run bench:watchlist` subscribes). Publishing
 * costs nothing when nobody subscribes, so it stays on in production.
 */
export const taggerBuilds = channel('newswatch:tagger-build');

/**
 * A slice of the build runs this long at most (plus one step) before yielding to the event loop, so a
 * request that arrives during a 10,000-person build waits for one slice, not the whole build.
 */
export const BUILD_SLICE_MS = 8;
/**
 * A background rebuild (a tagger is already serving) then pauses for PAUSE_PER_SLICE times as long as
 * the slice took (at least BUILD_PAUSE_MS): a request needs many turns of the event loop (HTTP, each
 * table call), and with a slice in every turn it would wait for many slices. With the pause the build
 * takes at most a third of the loop, and finishes later instead; measured per slice, because on a busy
 * machine an 8 ms slice can take 100 ms of wall time.
 */
export const BUILD_PAUSE_MS = 16;
const PAUSE_PER_SLICE = 2;
/** Units of build work (people, words) between two looks at the clock. */
const STEP = 64;

interface BuildStats {
  busyMs: number;
  slices: number;
  longestSliceMs: number;
}

/** Compiles the watchlist in slices of BUILD_SLICE_MS, yielding to the event loop between them (`pauseMs` long). */
async function buildInSlices(
  { startTaggerBuild }: TaggerEngine,
  { watchlist }: VersionedWatchlist,
  pauseMs: number,
  stats: BuildStats,
): Promise<CurrentTagger> {
  const build = startTaggerBuild(watchlist);
  for (let done = false; !done; ) {
    const sliceStart = performance.now();
    while (!done && performance.now() - sliceStart < BUILD_SLICE_MS) done = build.step(STEP);
    const slice = performance.now() - sliceStart;
    stats.busyMs += slice;
    stats.slices++;
    stats.longestSliceMs = Math.max(stats.longestSliceMs, slice);
    await (pauseMs > 0 ? sleep(Math.max(pauseMs, PAUSE_PER_SLICE * slice)) : nextTurn());
  }
  return { tagger: build.tagger(), personNames: new Map(watchlist.people.map((p) => [p.id, p.name])) };
}

const build: BuildTagger = async (fresh, background, engine) => {
  const loaded = await engine;
  const stats: BuildStats = { busyMs: 0, slices: 0, longestSliceMs: 0 };
  const startedAt = performance.now();
  const current = await buildInSlices(loaded, fresh, background ? BUILD_PAUSE_MS : 0, stats);
  if (taggerBuilds.hasSubscribers) {
    const event: TaggerBuildEvent = { version: fresh.version, startedAt, durationMs: performance.now() - startedAt, ...stats };
    taggerBuilds.publish(event);
  }
  return current;
};

/**
 * The tagger for the current watchlist, built once per watchlist version, when the cache reads a new
 * version and before the cache hands that version out: under steady traffic that is the cache's
 * background re-check, so requests keep the previous tagger until the new one is ready, and the build
 * runs in slices that yield to the event loop, so requests in flight beside it wait for one slice, not
 * the whole build. Only a first use, or a use after idle (the cache re-reads before answering), waits
 * for a build. The engine is loaded once, started together with the first watchlist read, so loading it
 * can overlap that read's network wait instead of following it.
 */
export function createTaggerSource(
  watchlists: WatchlistCache,
  loadEngine: LoadTaggerEngine,
  buildTagger: BuildTagger = build,
): () => Promise<CurrentTagger> {
  let engine: Promise<TaggerEngine> | undefined;
  const loadedEngine = (): Promise<TaggerEngine> => {
    if (!engine) {
      const loading = loadEngine().catch((error: unknown) => {
        engine = undefined; // a failed load is retried by the next request rather than remembered
        throw error;
      });
      // Started before the read it overlaps: if that read fails first, nobody awaits this one yet.
      loading.catch(() => undefined);
      engine = loading;
    }
    return engine;
  };
  let built: { version: string; current: CurrentTagger; seq: number } | undefined;
  let building: { version: string; done: Promise<void> } | undefined;
  let started = 0;
  // The version the cache read last, as its listeners hear it (a cache without TTL reads without telling
  // them). Its tagger may be ready a few turns before the cache hands that version out (the cache waits
  // for its listeners first): a request in between still sees the older version, and must get the newer
  // tagger rather than rebuild the older one on its own path.
  let newest: string | undefined;
  const rebuild = (fresh: VersionedWatchlist, waited: boolean): Promise<void> => {
    if (building?.version === fresh.version) return building.done;
    const seq = ++started;
    // Nobody waits for a background rebuild: it may take longer and leave more of the event loop to requests.
    const done = buildTagger(fresh, built !== undefined && !waited, loadedEngine()).then((current) => {
      // Builds can overlap (a newer version read while one compiles): the one started last wins.
      if (!built || seq > built.seq) built = { version: fresh.version, current, seq };
    });
    building = { version: fresh.version, done };
    return done.finally(() => {
      if (building?.done === done) building = undefined;
    });
  };
  watchlists.onNewVersion((fresh, waited) => {
    newest = fresh.version;
    return rebuild(fresh, waited);
  });
  return async () => {
    const reading = watchlists.get();
    if (!built) loadedEngine();
    const fresh = await reading;
    if (!built || (built.version !== fresh.version && built.version !== newest)) await rebuild(fresh, true);
    return built!.current;
  };
}
