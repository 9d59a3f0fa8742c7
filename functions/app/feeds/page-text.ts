import type { Fetcher } from '../../adapters/http-fetcher';
import { decodeFeedBody } from '../../core/feeds/decode';

const PAGE_ACCEPT = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5';

/**
 * The article text of an item's page, through the same polite, guarded fetcher as the feeds.
 * Readability and linkedom are loaded with the first page: only full-text feeds need them, and
 * evaluating them was part of every feed poller cold start.
 */
export function pageTextReader(fetcher: Fetcher): (url: string) => Promise<string | undefined> {
  return async (url) => {
    const page = await fetcher.get(url, PAGE_ACCEPT);
    if (page.kind !== 'ok') return undefined;
    const { extractArticleText } = await import('../../core/feeds/full-text');
    return extractArticleText(decodeFeedBody(page.body, page.contentType), page.url);
  };
}
