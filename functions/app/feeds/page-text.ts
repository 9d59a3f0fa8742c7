import type { Fetcher } from '../../adapters/http-fetcher';
import { decodeFeedBody } from '../../core/feeds/decode';
import { extractArticleText } from '../../core/feeds/full-text';

const PAGE_ACCEPT = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5';

/** The article text of an item's page, through the same polite, guarded fetcher as the feeds. */
export function pageTextReader(fetcher: Fetcher): (url: string) => Promise<string | undefined> {
  return async (url) => {
    const page = await fetcher.get(url, PAGE_ACCEPT);
    if (page.kind !== 'ok') return undefined;
    return extractArticleText(decodeFeedBody(page.body, page.contentType), page.url);
  };
}
