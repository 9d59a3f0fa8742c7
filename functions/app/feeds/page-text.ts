import type { Fetcher } from '../../adapters/http-fetcher';
import { decodePageBody } from '../../core/feeds/decode';

const PAGE_ACCEPT = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5';

/** The article text of a page's HTML (Readability over linkedom: core/feeds/full-text.ts). */
export type ArticleTextExtractor = (html: string, url: string) => string | undefined;

/**
 * The article text of an item's page, through the same polite, guarded fetcher as the feeds.
 * `loadExtractor` brings Readability and linkedom with the first page (functions/handlers/feed-run-wiring.ts):
 * only full-text feeds need them, and evaluating (deployed: even parsing) them was part of every feed
 * poller cold start.
 */
export function pageTextReader(
  fetcher: Fetcher,
  loadExtractor: () => Promise<ArticleTextExtractor>,
): (url: string) => Promise<string | undefined> {
  return async (url) => {
    const page = await fetcher.get(url, PAGE_ACCEPT);
    if (page.kind !== 'ok') return undefined;
    const extract = await loadExtractor();
    return extract(decodePageBody(page.body, page.contentType), page.url);
  };
}
