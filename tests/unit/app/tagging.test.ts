import { describe, expect, it } from 'vitest';
import type { VersionedWatchlist, WatchlistCache } from '../../../functions/adapters/watchlist-cache';
import { type CurrentTagger, createTaggerSource, type TaggerBuildEvent, taggerBuilds } from '../../../functions/app/tagging';
import { createTagger } from '../../../functions/core/tagger';
import { defaultWatchlist, type PersonEntry } from '../../../functions/core/watchlist';
import { loadTaggerEngine } from '../../../functions/handlers/ingest-wiring';

const SYLLABLES = ['ka', 'ro', 'mi', 'ne', 'sa', 'to', 'lu', 'vi', 'de', 'ba', 're', 'no', 'ta', 'li', 'mo'];
/** `count` distinct people called like "Kate Romineov", each with an alias "K. Romineov". */
function manyPeople(count: number): PersonEntry[] {
  const s = SYLLABLES;
  return Array.from({ length: count }, (_, i) => {
    const surname = `${s[i % 15]}${s[Math.floor(i / 15) % 15]}${s[Math.floor(i / 225) % 15]}ov`;
    const name = `Kate ${surname[0]!.toUpperCase()}${surname.slice(1)}`;
    return { id: `p-${i}`, name, aliases: [`K. ${name.split(' ')[1]}`] };
  });
}

const version = (v: string): VersionedWatchlist => ({ version: v, watchlist: { people: [], topics: [] } });

/** A cache whose current version the test sets, announcing a new one as the real cache's re-check does. */
function scriptedCache() {
  let current = version('v1');
  const listeners: Array<(fresh: VersionedWatchlist, waited: boolean) => void | Promise<void>> = [];
  const cache: WatchlistCache = {
    get: async () => current,
    invalidate: () => undefined,
    onNewVersion: (listener) => listeners.push(listener),
  };
  // As the real cache does: a new version is handed out only once every listener has finished with it.
  // `waited`: a caller waits for this read (after idle), rather than being served meanwhile.
  const publish = async (v: string, waited = false) => {
    const fresh = version(v);
    for (const listener of listeners) await listener(fresh, waited);
    current = fresh;
  };
  return { cache, publish };
}

function countingBuild() {
  const builds: string[] = [];
  const background: boolean[] = [];
  const buildTagger = async (fresh: VersionedWatchlist, inBackground: boolean) => {
    builds.push(fresh.version);
    background.push(inBackground);
    return { version: fresh.version } as unknown as CurrentTagger;
  };
  return { builds, background, buildTagger };
}

describe('the tagger source', () => {
  it('builds the tagger when the cache reads a new version, not when a request asks for it', async () => {
    const { cache, publish } = scriptedCache();
    const { builds, buildTagger } = countingBuild();
    const source = createTaggerSource(cache, loadTaggerEngine, buildTagger);
    await source();

    await publish('v2');
    const buildsBeforeRequest = [...builds];
    const tagger = await source();

    expect(buildsBeforeRequest).toEqual(['v1', 'v2']);
    expect(builds).toEqual(['v1', 'v2']);
    expect(tagger).toEqual({ version: 'v2' });
  });

  it('lets only a build that nobody waits for take its time: not the first one, not one a request waits for', async () => {
    const { cache, publish } = scriptedCache();
    const { background, buildTagger } = countingBuild();
    const source = createTaggerSource(cache, loadTaggerEngine, buildTagger);
    await source();

    await publish('v2');
    await publish('v3', true);

    expect(background).toEqual([false, true, false]);
  });

  it('builds once per version however many requests use it', async () => {
    const { cache } = scriptedCache();
    const { builds, buildTagger } = countingBuild();
    const source = createTaggerSource(cache, loadTaggerEngine, buildTagger);

    await Promise.all([source(), source(), source()]);
    await source();

    expect(builds).toEqual(['v1']);
  });

  it('never rebuilds the previous version for a request that comes after the new build but before the cache hands the new version out', async () => {
    const { cache, publish } = scriptedCache();
    const { builds, buildTagger } = countingBuild();
    const source = createTaggerSource(cache, loadTaggerEngine, buildTagger);
    await source();
    // A listener after the tagger source's runs in that window: v2 is built, the cache still hands out v1.
    let inWindow: unknown;
    cache.onNewVersion(async () => {
      inWindow = await source();
    });

    await publish('v2');
    const afterPublish = await source();

    expect(builds).toEqual(['v1', 'v2']);
    expect(inWindow).toEqual({ version: 'v2' });
    expect(afterPublish).toEqual({ version: 'v2' });
  });

  it('builds for each new version of a cache that reads on every call without announcing versions (TTL 0)', async () => {
    let current = version('v1');
    const cache: WatchlistCache = { get: async () => current, invalidate: () => undefined, onNewVersion: () => undefined };
    const { builds, buildTagger } = countingBuild();
    const source = createTaggerSource(cache, loadTaggerEngine, buildTagger);
    await source();

    current = version('v2');
    const tagger = await source();

    expect(builds).toEqual(['v1', 'v2']);
    expect(tagger).toEqual({ version: 'v2' });
  });

  it('keeps answering with the previous tagger while the next version builds', async () => {
    const { cache, publish } = scriptedCache();
    let finishV2: () => void = () => undefined;
    const buildTagger = (fresh: VersionedWatchlist) =>
      new Promise<CurrentTagger>((resolve) => {
        const tagger = { version: fresh.version } as unknown as CurrentTagger;
        if (fresh.version === 'v2') finishV2 = () => resolve(tagger);
        else resolve(tagger);
      });
    const source = createTaggerSource(cache, loadTaggerEngine, buildTagger);
    await source();

    const published = publish('v2');
    const duringBuild = await source();
    finishV2();
    await published;
    const afterBuild = await source();

    expect(duringBuild).toEqual({ version: 'v1' });
    expect(afterBuild).toEqual({ version: 'v2' });
  });

  it('starts loading the tagger engine as the first watchlist read starts, not after it answers, and loads it once', async () => {
    const { cache, publish } = scriptedCache();
    let answerRead: () => void = () => undefined;
    const readAnswered = new Promise<void>((resolve) => {
      answerRead = resolve;
    });
    const events: string[] = [];
    const held: WatchlistCache = {
      ...cache,
      get: async () => {
        events.push('read started');
        await readAnswered;
        events.push('read answered');
        return cache.get();
      },
    };
    const loadEngine = async () => {
      events.push('engine load started');
      return loadTaggerEngine();
    };
    const source = createTaggerSource(held, loadEngine);
    const first = source();
    await new Promise((resolve) => setImmediate(resolve));
    answerRead();
    await first;
    await publish('v2');
    await source();

    expect(events.slice(0, 3)).toEqual(['read started', 'engine load started', 'read answered']);
    expect(events.filter((e) => e === 'engine load started')).toHaveLength(1);
  });

  it('fails the request whose engine load fails, and does not remember the failure: the next request loads it again', async () => {
    const { cache } = scriptedCache();
    let readable = false;
    const loadEngine = async () => {
      if (!readable) throw new Error('chunk unreadable');
      return loadTaggerEngine();
    };
    const source = createTaggerSource(cache, loadEngine);

    await expect(source()).rejects.toThrow('chunk unreadable');
    readable = true;
    const { tagger } = await source();
    expect(tagger.tag({ body: 'Nothing here.' })).toEqual({ people: [], topics: [] });
  });

  it('announces each build, with its version, duration and slices, to whoever subscribes to taggerBuilds', async () => {
    const { cache, publish } = scriptedCache();
    const announced: TaggerBuildEvent[] = [];
    const listener = (event: unknown) => announced.push(event as TaggerBuildEvent);
    taggerBuilds.subscribe(listener);
    try {
      const source = createTaggerSource(cache, loadTaggerEngine);
      await source();
      await publish('v2');
    } finally {
      taggerBuilds.unsubscribe(listener);
    }

    expect(announced.map((e) => e.version)).toEqual(['v1', 'v2']);
    for (const event of announced) {
      expect(event.durationMs).toBeGreaterThanOrEqual(event.busyMs);
      expect(event.slices).toBeGreaterThanOrEqual(1);
    }
  });

  it('lets other work run between the slices of a large build, and builds the same tagger as createTagger', async () => {
    const people = manyPeople(3_000);
    const watchlist = { people, topics: defaultWatchlist.topics };
    const cache: WatchlistCache = {
      get: async () => ({ version: 'big', watchlist }),
      invalidate: () => undefined,
      onNewVersion: () => undefined,
    };
    const order: string[] = [];
    setImmediate(() => order.push('other work'));

    const { tagger } = await createTaggerSource(cache, loadTaggerEngine)();
    order.push('build done');

    expect(order).toEqual(['other work', 'build done']);
    const article = {
      title: people[10]!.name,
      body: `Lawyers for ${people[2_500]!.name} said ${people[2_500]!.aliases![0]} was released in a prisoner swap.`,
    };
    expect(tagger.tag(article)).toEqual(createTagger(watchlist).tag(article));
    expect(tagger.tag(article).people.map((p) => p.id)).toEqual([people[10]!.id, people[2_500]!.id]);
  });
});
