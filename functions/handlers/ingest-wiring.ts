import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { Table } from '../adapters/table';
import { createWatchlistCache } from '../adapters/watchlist-cache';
import type { IngestDeps } from '../app/ingest-articles';
import { createTaggerSource, type TaggerEngine } from '../app/tagging';
import { config } from './settings';

/** The file lib/bundling.ts `lazyChunks` writes core/tagger/index.ts to, beside index.js. */
const TAGGER_CHUNK = './tagger.js';

/**
 * The tagger engine (its tables, word lists and built-in topics), loaded by the first request as its
 * watchlist read starts. Bundled for Lambda (`process.env.NEWSWATCH_BUNDLE` is the constant 'lambda',
 * lib/bundling.ts `bundleDefine`; it must stay written out here for esbuild to see it) it is a file of its
 * own beside index.js, `require`d one turn of the event loop later, so its parse and evaluation leave
 * the cold start's init and may run while the read waits on the network (on Lambda; the local bench has
 * no such wait, docs/benchmarks.md "Lambda cold start"); from source (tests,
 * the local runtime) the import serves. The chunk hands back only functions and the tagger they build,
 * which index.js calls and never tests with `instanceof`.
 */
export async function loadTaggerEngine(): Promise<TaggerEngine> {
  if (process.env.NEWSWATCH_BUNDLE !== 'lambda') return import('../core/tagger/index');
  await nextTurn();
  return require(TAGGER_CHUNK);
}

/** What the ingest use case needs, for POST /articles and for the feed poller alike. */
export function ingestDeps(table: Table, metrics: Metrics): IngestDeps {
  return {
    table,
    currentTagger: createTaggerSource(createWatchlistCache(table, config.watchlistTtlMs()), loadTaggerEngine),
    retentionDays: config.retentionDays(),
    clusterStories: config.clusterStories(),
    metrics,
  };
}
