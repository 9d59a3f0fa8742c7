/**
 * Full text against a real local server: a `fullText` feed's summary-only item gets its page fetched
 * and the article text extracted (Readability over linkedom); a page that fails keeps the summary;
 * an item with full content in the feed is not fetched at all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetcher } from '../../functions/adapters/http-fetcher';
import { pageTextReader } from '../../functions/app/feeds/page-text';
import { pollFeed } from '../../functions/app/feeds/poll-feed';
import type { ArticleInput } from '../../functions/core/article';
import { newStoredFeed } from '../../functions/core/feeds/feed';
import { startFeedServer, type FeedServer } from './feed-server';

const PARAGRAPH = 'Viktor Bout, the Russian arms dealer, was released on Thursday in a prisoner exchange at Abu Dhabi airport. ';
const page = `<!doctype html><html lang="en"><head><title>Bout freed</title><script>track()</script></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Bout freed in exchange</h1><p>${PARAGRAPH.repeat(3)}</p><p>Officials on both sides confirmed the swap after months of talks.</p></article>
<footer>Cookie settings · Newsletter</footer></body></html>`;

describe('feeds: full text', () => {
  let server: FeedServer;
  const fetcher = createFetcher({ publicOnly: false, totalTimeoutMs: 3_000 });

  beforeAll(async () => {
    server = await startFeedServer(new Map());
    const item = (path: string, extra = '') =>
      `<item><title>${path}</title><link>${server.url(path)}</link><description>Short summary of ${path}.</description>${extra}</item>`;
    const rss = `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>T</title>
      ${item('/article.html')}${item('/gone.html')}${item('/full.html', '<content:encoded><![CDATA[<p>The whole story is in the feed.</p>]]></content:encoded>')}
      </channel></rss>`;
    server.docs.set('/summaries.xml', { body: rss, contentType: 'application/rss+xml' });
    server.docs.set('/article.html', { body: page, contentType: 'text/html; charset=utf-8' });
    server.docs.set('/full.html', { body: page, contentType: 'text/html; charset=utf-8' });
  });
  afterAll(() => server.close());

  async function poll(fullText: boolean): Promise<Map<string, ArticleInput>> {
    const ingested = new Map<string, ArticleInput>();
    const feed = newStoredFeed(
      { id: 'feed_ft', url: server.url('/summaries.xml'), everyMinutes: 15, fullText },
      '2026-01-01T00:00:00.000Z',
    );
    await pollFeed(
      {
        fetcher,
        fullText: pageTextReader(fetcher, async () => (await import('../../functions/core/feeds/full-text')).extractArticleText),
        ingest: async (article) => {
          ingested.set(article.title!, article);
          return { id: article.title!, duplicate: false };
        },
        save: async () => undefined,
        loadParser: () => import('../../functions/core/feeds/parse-feed'),
      },
      feed,
    );
    return ingested;
  }

  it("replaces a summary with the page's article text, without navigation, scripts or footer", async () => {
    const body = (await poll(true)).get('/article.html')!.body;

    expect(body).toContain('Bout freed in exchange');
    expect(body).toContain('Officials on both sides confirmed the swap after months of talks.');
    expect(body).not.toMatch(/Home|track\(\)|Cookie settings/);
  });

  it('keeps the summary when the page cannot be fetched, and does not fetch an item with full content', async () => {
    const before = server.requests.filter((r) => r.path === '/full.html').length;
    const articles = await poll(true);

    expect(articles.get('/gone.html')!.body).toBe('Short summary of /gone.html.');
    expect(articles.get('/full.html')!.body).toBe('The whole story is in the feed.');
    expect(server.requests.filter((r) => r.path === '/full.html').length).toBe(before);
  });

  it('fetches no page for a feed without fullText', async () => {
    const before = server.requests.filter((r) => r.path === '/article.html').length;
    const articles = await poll(false);

    expect(articles.get('/article.html')!.body).toBe('Short summary of /article.html.');
    expect(server.requests.filter((r) => r.path === '/article.html').length).toBe(before);
  });
});
