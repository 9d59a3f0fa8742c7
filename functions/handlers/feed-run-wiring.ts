import type { Metrics } from '@aws-lambda-powertools/metrics';
import { createFetcher } from '../adapters/http-fetcher';
import type { Table } from '../adapters/table';
import { createWatchlistCache } from '../adapters/watchlist-cache';
import type { FeedRunDeps } from '../app/feeds/poll-feeds';
import { type ArticleTextExtractor, pageTextReader } from '../app/feeds/page-text';
import { ingestArticle, type IngestDeps } from '../app/ingest-articles';
import { createTaggerSource } from '../app/tagging';
import { feedsPublicOnly } from './feed-wiring';
import { config } from './settings';

/** The file lib/bundling.ts `lazyChunks` writes core/feeds/full-text.ts to, beside index.js. */
const FULL_TEXT_CHUNK = './full-text.js';

/**
 * Readability, linkedom and the CSS parser they bring are about 40 % of the feed poller's bundle, needed
 * only for summary-only items of `fullText` feeds, so they are loaded with the first page. Bundled for
 * Lambda, `process.env.NEWSWATCH_BUNDLE` is the constant 'lambda' (lib/bundling.ts `bundleDefine`; it must
 * stay written out here for esbuild to see it): the import is dead code and they live in a file of their
 * own beside index.js; from source (tests, the local runtime) the import serves.
 */
async function loadExtractor(): Promise<ArticleTextExtractor> {
  const fullText: typeof import('../core/feeds/full-text') =
    process.env.NEWSWATCH_BUNDLE === 'lambda' ? require(FULL_TEXT_CHUNK) : await import('../core/feeds/full-text');
  return fullText.extractArticleText;
}

/** What polling needs: the guarded fetcher and the very ingest use case behind POST /articles. */
export function feedRunDeps(table: Table, metrics: Metrics): FeedRunDeps {
  const ingestDeps: IngestDeps = {
    table,
    currentTagger: createTaggerSource(createWatchlistCache(table, config.watchlistTtlMs())),
    retentionDays: config.retentionDays(),
    clusterStories: config.clusterStories(),
    metrics,
  };
  const fetcher = createFetcher({ publicOnly: feedsPublicOnly() });
  return { table, fetcher, ingest: (article) => ingestArticle(ingestDeps, article), fullText: pageTextReader(fetcher, loadExtractor) };
}
