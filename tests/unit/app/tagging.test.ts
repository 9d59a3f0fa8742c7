import { describe, expect, it } from 'vitest';
import type { VersionedWatchlist, WatchlistCache } from '../../../functions/adapters/watchlist-cache';
import { type CurrentTagger, createTaggerSource, type TaggerBuildEvent, taggerBuilds } from '../../../functions/app/tagging';

const version = (v: string): VersionedWatchlist => ({ version: v, watchlist: { people: [], topics: [] } });

/** A cache whose current version the test sets, announcing a new one as the real cache's re-check does. */
function scriptedCache() {
  let current = version('v1');
  const listeners: Array<(fresh: VersionedWatchlist) => void> = [];
  const cache: WatchlistCache = {
    get: async () => current,
    invalidate: () => undefined,
    onNewVersion: (listener) => listeners.push(listener),
  };
  const publish = (v: string) => {
    const fresh = version(v);
    for (const listener of listeners) listener(fresh);
    current = fresh;
  };
  return { cache, publish };
}

function countingBuild() {
  const builds: string[] = [];
  const buildTagger = (fresh: VersionedWatchlist) => {
    builds.push(fresh.version);
    return { version: fresh.version } as unknown as CurrentTagger;
  };
  return { builds, buildTagger };
}

describe('the tagger source', () => {
  it('builds the tagger when the cache reads a new version, not when a request asks for it', async () => {
    const { cache, publish } = scriptedCache();
    const { builds, buildTagger } = countingBuild();
    const source = createTaggerSource(cache, buildTagger);
    await source();

    publish('v2');
    const buildsBeforeRequest = [...builds];
    const tagger = await source();

    expect(buildsBeforeRequest).toEqual(['v1', 'v2']);
    expect(builds).toEqual(['v1', 'v2']);
    expect(tagger).toEqual({ version: 'v2' });
  });

  it('builds once per version however many requests use it', async () => {
    const { cache } = scriptedCache();
    const { builds, buildTagger } = countingBuild();
    const source = createTaggerSource(cache, buildTagger);

    await Promise.all([source(), source(), source()]);
    await source();

    expect(builds).toEqual(['v1']);
  });

  it('announces each build, with its version and duration, to whoever subscribes to taggerBuilds', async () => {
    const { cache, publish } = scriptedCache();
    const { buildTagger } = countingBuild();
    const announced: TaggerBuildEvent[] = [];
    const listener = (event: unknown) => announced.push(event as TaggerBuildEvent);
    taggerBuilds.subscribe(listener);
    try {
      const source = createTaggerSource(cache, buildTagger);
      await source();
      publish('v2');
    } finally {
      taggerBuilds.unsubscribe(listener);
    }

    expect(announced.map((e) => e.version)).toEqual(['v1', 'v2']);
    for (const event of announced) expect(event.durationMs).toBeGreaterThanOrEqual(0);
  });
});
