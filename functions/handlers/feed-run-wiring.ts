import type { Metrics } from '@aws-lambda-powertools/metrics';
import { createFetcher } from '../adapters/http-fetcher';
import type { Table } from '../adapters/table';
import type { FeedParser } from '../app/feeds/poll-feed';
import type { FeedRunDeps } from '../app/feeds/poll-feeds';
import { type ArticleTextExtractor, pageTextReader } from '../app/feeds/page-text';
import { feedsPublicOnly } from './feed-wiring';

/** The files lib/bundling.ts `lazyChunks` writes core/feeds/full-text.ts and parse-feed.ts to, beside index.js. */
const FULL_TEXT_CHUNK = './full-text.js';
const FEED_PARSE_CHUNK = './feed-parse.js';

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

/**
 * The feed parsers (feedsmith with fast-xml-parser, htmlparser2), loaded with the first feed body that
 * changed: deployed from a file of their own beside index.js (the same NEWSWATCH_BUNDLE switch as
 * above), so a poller cold start whose polls are answered 304 or with unchanged bytes never reads them.
 */
async function loadParser(): Promise<FeedParser> {
  return process.env.NEWSWATCH_BUNDLE === 'lambda' ? require(FEED_PARSE_CHUNK) : await import('../core/feeds/parse-feed');
}

/**
 * The very ingest use case behind POST /articles, evaluated with the first item a poll brings: its
 * tagger tables, story clustering and schemas are most of what the poller's index.js would otherwise
 * evaluate at every cold start, and a poll answered 304 or with no new item never uses them. The
 * dynamic imports keep them out of the init path of the bundle too (esbuild evaluates a module reached
 * only through one when it is first imported).
 */
function lazyIngest(table: Table, metrics: Metrics): FeedRunDeps['ingest'] {
  let loading: Promise<FeedRunDeps['ingest']> | undefined;
  const load = async (): Promise<FeedRunDeps['ingest']> => {
    const [{ ingestUnchecked }, { ingestDeps }] = await Promise.all([import('../app/ingest-articles'), import('./ingest-wiring')]);
    const deps = ingestDeps(table, metrics);
    // The article schema is checked here, with the use case it guards, not where items are shaped
    // (core/feeds/item-article.ts): at the poller's init its zod schemas would be evaluated on every cold start.
    return (article) => ingestUnchecked(deps, article);
  };
  return async (article) => {
    // A failed load is tried again by the next item rather than remembered.
    loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return (await loading)(article);
  };
}

/** What polling needs: the guarded fetcher and the very ingest use case behind POST /articles. */
export function feedRunDeps(table: Table, metrics: Metrics): FeedRunDeps {
  const fetcher = createFetcher({ publicOnly: feedsPublicOnly() });
  return {
    table,
    fetcher,
    ingest: lazyIngest(table, metrics),
    fullText: pageTextReader(fetcher, loadExtractor),
    loadParser,
  };
}
