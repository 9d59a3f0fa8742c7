import { readFileSync } from 'node:fs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { FetchError, type FetchResult, type Fetcher } from '../../../functions/adapters/http-fetcher';
import { MAX_ITEMS_PER_POLL, pollFeed, type FeedPollDeps } from '../../../functions/app/feeds/poll-feed';
import { pollAllFeeds } from '../../../functions/app/feeds/poll-feeds';
import { keys } from '../../../functions/adapters/table-keys';
import type { ArticleInput } from '../../../functions/core/article';
import { StoryNotCounted, ValidationFailed } from '../../../functions/core/errors';
import type { StoredFeed } from '../../../functions/core/feeds/feed';
import { fakeTable } from '../handlers/support/fake-table';
import { storedFeed } from '../handlers/support/stored-feed';

const rss = readFileSync(new URL('../../fixtures/feeds/rss2-mess.xml', import.meta.url));
const now = new Date('2026-01-01T00:00:00.000Z');
const feed: StoredFeed = {
  id: 'feed_x',
  url: 'https://news.example.com/rss',
  everyMinutes: 15,
  fullText: false,
  createdAt: now.toISOString(),
  nextPollAt: now.toISOString(),
  lastPolledAt: null,
  lastStatus: 'pending',
  articles: 0,
  failures: 0,
};

function harness(answers: Array<FetchResult | FetchError>) {
  const saved: StoredFeed[] = [];
  const ingested: ArticleInput[] = [];
  const fetcher: Fetcher = {
    get: async () => {
      const answer = answers.shift()!;
      if (answer instanceof FetchError) throw answer;
      return answer;
    },
  };
  const deps: FeedPollDeps = {
    fetcher,
    ingest: async (article) => {
      ingested.push(article);
      return { id: 'a', duplicate: false };
    },
    save: async (f) => {
      saved.push(f);
    },
    now: () => now,
    loadParser: () => import('../../../functions/core/feeds/parse-feed'),
  };
  return { deps, saved, ingested };
}

const ok = (body: Buffer, etag = '"v1"'): FetchResult => ({
  kind: 'ok',
  status: 200,
  url: feed.url,
  body,
  etag,
  contentType: 'application/rss+xml',
});

/** An RSS 2.0 feed of these items (number n dated n minutes after `now`), in the order given. */
function rssOf(numbers: readonly number[]): Buffer {
  const items = numbers.map(
    (n) =>
      `<item><title>Item ${n}</title><link>https://news.example.com/${n}</link>` +
      `<pubDate>${new Date(now.getTime() + n * 60_000).toUTCString()}</pubDate><description>Report number ${n}.</description></item>`,
  );
  return Buffer.from(`<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>${items.join('')}</channel></rss>`);
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const numbersOf = (articles: ArticleInput[]) => articles.map((a) => Number(a.url?.split('/').pop())).sort((a, b) => a - b);

describe('pollFeed on a feed of more new items than one poll takes', () => {
  it('takes the rest on the next poll, though the feed has not changed, and then nothing more', async () => {
    const body = rssOf(range(1, 250));
    const first = harness([ok(body)]);
    const firstOutcome = await pollFeed(first.deps, feed);
    const second = harness([ok(body)]);
    const secondOutcome = await pollFeed(second.deps, first.saved[0]!);
    const third = harness([ok(body)]);
    const thirdOutcome = await pollFeed(third.deps, second.saved[0]!);

    expect(firstOutcome).toMatchObject({ status: 'ok', new: MAX_ITEMS_PER_POLL, left: 50 });
    expect(secondOutcome).not.toHaveProperty('left');
    expect(numbersOf(first.ingested)).toEqual(range(51, 250));
    expect(first.saved[0]).not.toHaveProperty('contentHash');
    expect(first.saved[0]).not.toHaveProperty('etag');
    expect(Date.parse(first.saved[0]!.nextPollAt) - now.getTime()).toBe(5 * 60_000);
    expect(secondOutcome).toMatchObject({ status: 'ok', new: 50, duplicates: 200 });
    expect(numbersOf(second.ingested)).toEqual(range(1, 50));
    expect(thirdOutcome).toMatchObject({ new: 0 });
    expect(third.ingested).toHaveLength(0);
  });

  it('polls early once in a row for items left, not every 5 minutes for a feed whose items are new on every fetch', async () => {
    const daily = { ...feed, everyMinutes: 1440 };
    const first = harness([ok(rssOf(range(1, 250)))]);
    await pollFeed(first.deps, daily);
    const second = harness([ok(rssOf(range(1001, 1250)))]);
    await pollFeed(second.deps, first.saved[0]!);
    const third = harness([ok(rssOf(range(2001, 2250)))]);
    await pollFeed(third.deps, second.saved[0]!);
    const fourth = harness([ok(rssOf(range(2001, 2250)))]);
    await pollFeed(fourth.deps, third.saved[0]!);

    const waitOf = (saved: StoredFeed) => (Date.parse(saved.nextPollAt) - now.getTime()) / 60_000;
    expect(waitOf(first.saved[0]!)).toBe(5);
    expect(waitOf(second.saved[0]!)).toBe(1440);
    expect(waitOf(third.saved[0]!)).toBe(1440);
    expect(fourth.ingested).toHaveLength(50);
    expect(waitOf(fourth.saved[0]!)).toBe(1440);
    expect(fourth.saved[0]?.catchingUp).toBeUndefined();
  });

  it('does not send again the items the ingest refused, so the items after them are reached', async () => {
    const body = rssOf(range(1, 250));
    const refusing = (h: ReturnType<typeof harness>) => {
      h.deps.ingest = async (article) => {
        h.ingested.push(article);
        throw new ValidationFailed('too large', [{ path: 'body', message: 'too large' }]);
      };
      return h;
    };
    const first = refusing(harness([ok(body)]));
    await pollFeed(first.deps, feed);
    const second = refusing(harness([ok(body)]));
    const secondOutcome = await pollFeed(second.deps, first.saved[0]!);

    expect(numbersOf(first.ingested)).toEqual(range(51, 250));
    expect(secondOutcome).toMatchObject({ rejected: 50, new: 0, duplicates: 200 });
    expect(numbersOf(second.ingested)).toEqual(range(1, 50));
    expect(second.saved[0]).toHaveProperty('contentHash');
  });

  it('takes as given before the items of a feed that earlier versions, reading its first 200, never read', async () => {
    const earlier = harness([ok(rssOf(range(101, 300).reverse()))]);
    await pollFeed(earlier.deps, feed);
    const { readWindow: _, ...polledByEarlierVersion } = earlier.saved[0]!;
    const upgraded = harness([ok(rssOf(range(1, 300).reverse()))]);
    const upgradedOutcome = await pollFeed(upgraded.deps, polledByEarlierVersion);
    const next = harness([ok(rssOf(range(1, 301).reverse()))]);
    const nextOutcome = await pollFeed(next.deps, upgraded.saved[0]!);

    const older = harness([ok(rssOf(range(1, 300).reverse()))]);
    const { seen: __, ...polledBeforeSeenExisted } = polledByEarlierVersion;
    const olderOutcome = await pollFeed(older.deps, polledBeforeSeenExisted);

    expect(numbersOf(older.ingested)).toEqual(range(101, 300));
    expect(olderOutcome).not.toHaveProperty('left');
    expect(upgradedOutcome).toMatchObject({ new: 0, duplicates: 300 });
    expect(upgraded.ingested).toHaveLength(0);
    expect(upgraded.saved[0]?.readWindow).toBe(400);
    expect(nextOutcome).toMatchObject({ new: 1 });
    expect(numbersOf(next.ingested)).toEqual([301]);
  });

  it("dates an item dated after the poll at the poll's time", async () => {
    const { deps, ingested } = harness([ok(rssOf([100_000_000]))]);

    await pollFeed(deps, feed);

    expect(ingested[0]?.publishedAt).toBe(now.toISOString());
  });

  it('ingests an item added at the end of a feed that lists its oldest first', async () => {
    const first = harness([ok(rssOf(range(1, 201)))]);
    await pollFeed(first.deps, feed);
    const second = harness([ok(rssOf(range(1, 202)))]);
    const secondOutcome = await pollFeed(second.deps, first.saved[0]!);

    expect(numbersOf(first.ingested)).toEqual(range(2, 201));
    expect(secondOutcome).toMatchObject({ new: 2 });
    expect(numbersOf(second.ingested)).toEqual([1, 202]);
  });
});

describe('pollFeed', () => {
  it('ingests each distinct item once and saves the validators with the state', async () => {
    const { deps, saved, ingested } = harness([ok(rss)]);

    const outcome = await pollFeed(deps, feed);

    expect(outcome).toMatchObject({ status: 'ok', items: 5, new: 5, duplicates: 0 });
    expect(ingested).toHaveLength(5);
    expect(saved[0]).toMatchObject({ etag: '"v1"', lastStatus: 'ok', articles: 5, failures: 0, nextPollAt: '2026-01-01T00:15:00.000Z' });
    // Each item by its article's key, and the two with a guid by it too.
    expect(saved[0]?.seen).toHaveLength(7);
  });

  it('skips, counts as rejected and remembers the items the ingest refuses as invalid (400), and still finishes the poll', async () => {
    const { deps, saved } = harness([ok(rss)]);
    // As the real ingest does for an article the POST /articles schema refuses (app/ingest-articles.ts, ingestUnchecked).
    deps.ingest = async () => {
      throw new ValidationFailed('Invalid request: source: Too big', [{ path: 'source', message: 'Too big' }]);
    };

    const outcome = await pollFeed(deps, feed);

    expect(outcome).toMatchObject({ status: 'ok', items: 5, new: 0, rejected: 5 });
    expect(saved[0]).toMatchObject({ lastStatus: 'ok', articles: 0 });
    expect(saved[0]?.seen).toHaveLength(7);
  });

  it('names the first refused items and why: by link, else guid, else title, on one line, without credentials', async () => {
    const items = [
      '<item><link>https://reader:secret@example.com/a</link><description>Text a</description></item>',
      '<item><guid isPermaLink="false">tag:example.com,2026:b</guid><description>Text b</description></item>',
      '<item><title>Title\u001b[31m c\nhere</title><description>Text c</description></item>',
      ...Array.from({ length: 4 }, (_, i) => `<item><link>https://example.com/more-${i}</link><description>More</description></item>`),
    ];
    const body = Buffer.from(`<rss version="2.0"><channel><title>T</title>${items.join('')}</channel></rss>`);
    const { deps } = harness([ok(body)]);
    deps.ingest = async () => {
      throw new ValidationFailed('Invalid request: source: Too big', [{ path: 'source', message: 'Too big' }]);
    };

    const outcome = await pollFeed(deps, feed);

    const reason = 'source: Too big';
    expect(outcome).toMatchObject({ status: 'ok', items: 7, new: 0, rejected: 7 });
    expect(outcome.refused).toEqual([
      { item: 'https://example.com/a', reason },
      { item: 'tag:example.com,2026:b', reason },
      { item: 'Title [31m c here', reason },
      { item: 'https://example.com/more-0', reason },
      { item: 'https://example.com/more-1', reason },
    ]);
  });

  it('names no refusals when nothing was refused', async () => {
    const { deps } = harness([ok(rss)]);

    const outcome = await pollFeed(deps, feed);

    expect(outcome.rejected).toBe(0);
    expect(outcome).not.toHaveProperty('refused');
  });

  it("gives each article the feed's own language", async () => {
    const russian = Buffer.from(
      '<rss version="2.0"><channel><title>T</title><language>ru</language><item><title>Бут</title><link>https://example.com/ru</link><description>Виктор Бут вернулся в Москву.</description></item></channel></rss>',
    );
    const { deps, ingested } = harness([ok(russian)]);

    await pollFeed(deps, feed);

    expect(ingested).toEqual([expect.objectContaining({ url: 'https://example.com/ru', language: 'ru' })]);
  });

  it('sends an item again at once when it was stored but its story was not counted, and counts it as new', async () => {
    const { deps, saved, ingested } = harness([ok(rss)]);
    const ingest = deps.ingest;
    let failures = 1;
    deps.ingest = async (article) => {
      if (failures-- > 0) {
        ingested.push(article);
        throw new StoryNotCounted('The article is stored, but its story could not be updated');
      }
      return ingest(article);
    };

    const outcome = await pollFeed(deps, feed);

    expect(outcome).toMatchObject({ status: 'ok', new: 5, rejected: 0 });
    expect(ingested).toHaveLength(6);
    expect(saved[0]?.seen).toHaveLength(7);
  });

  it('fails the poll, saving no state, when an item stays stored but uncounted in its story after every re-send', async () => {
    const { deps, saved } = harness([ok(rss)]);
    const ingest = deps.ingest;
    let first: string | undefined;
    deps.ingest = async (article) => {
      first ??= article.url;
      if (article.url === first) throw new StoryNotCounted('The article is stored, but its story could not be updated');
      return ingest(article);
    };

    await expect(pollFeed(deps, feed)).rejects.toBeInstanceOf(StoryNotCounted);
    expect(saved).toHaveLength(0);
  });

  it('does not ingest again the items the feed gave before, even when the body changed', async () => {
    const first = harness([ok(rss)]);
    await pollFeed(first.deps, feed);
    const changed = Buffer.from(rss.toString('utf8').replace('Markets close higher', 'Markets close higher again'));
    const second = harness([ok(changed, '"v2"')]);

    const outcome = await pollFeed(second.deps, first.saved[0]!);

    expect(outcome).toMatchObject({ status: 'ok', new: 0, duplicates: 5 });
    expect(second.ingested).toHaveLength(0);
  });

  it('keeps the old validators when the body is not a feed, and backs off', async () => {
    const { deps, saved } = harness([ok(Buffer.from('<html><body>moved</body></html>'), '"html"')]);

    const outcome = await pollFeed(deps, { ...feed, etag: '"v1"', failures: 1 });

    expect(outcome.status).toBe('error');
    expect(saved[0]).toMatchObject({ etag: '"v1"', lastStatus: 'error', failures: 2, nextPollAt: '2026-01-01T01:00:00.000Z' });
    expect(saved[0]?.lastError).toMatch(/not an RSS, Atom or JSON feed/);
  });

  it("honours a 429's Retry-After beyond the back-off, up to a day", async () => {
    const { deps, saved } = harness([{ kind: 'http_error', status: 429, url: feed.url, retryAfter: '999999' }]);

    await pollFeed(deps, feed);

    expect(saved[0]).toMatchObject({ lastStatus: 'error', lastHttpStatus: 429, nextPollAt: '2026-01-02T00:00:00.000Z' });
  });

  it('records a fetch failure as the feed error without throwing', async () => {
    const { deps, saved } = harness([new FetchError('timeout', 'no complete answer within 20000 ms')]);

    const outcome = await pollFeed(deps, feed);

    expect(outcome).toMatchObject({ status: 'error', error: 'no complete answer within 20000 ms' });
    expect(saved[0]).toMatchObject({ lastError: 'no complete answer within 20000 ms', failures: 1 });
  });

  it('records nothing on a feed that was never asked because its host stayed busy with other feeds', async () => {
    const { deps, saved } = harness([new FetchError('host_busy', 'not asked: its host was busy with other feeds for over 5000 ms')]);

    const outcome = await pollFeed(deps, feed);

    expect(outcome).toMatchObject({ status: 'error', error: expect.stringContaining('not asked') });
    expect(saved).toEqual([]);
  });
});

describe('pollAllFeeds', () => {
  // The API runs this from a chunk with its own copy of DomainError, which index.js's error mapper would
  // not recognise (functions/handlers/api.ts): no feed's failure, a DomainError included, may escape it.
  it("turns every feed's failure, a DomainError of its ingest included, into that feed's outcome", async () => {
    const table = fakeTable();
    const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
    const stored = storedFeed('refused', now.toISOString());
    table.put({ ...keys.feed(stored.id), kind: 'feed', ...stored });
    const { deps } = harness([ok(rss)]);
    deps.ingest = async () => {
      throw new StoryNotCounted('The article is stored, but its story could not be updated');
    };

    const { results } = await pollAllFeeds({ ...deps, table: { doc, name: 'newswatch' } });

    expect(results).toEqual([expect.objectContaining({ id: 'refused', status: 'error', error: 'internal: StoryNotCounted' })]);
  });

  it('answers in the order the feeds were added, as GET /feeds lists them, not in the order of their ids', async () => {
    const table = fakeTable();
    const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
    // Added first, but its id sorts last (ids are hashes of the URL: the table returns them in id order).
    table.put({ ...keys.feed('feed_c'), kind: 'feed', ...storedFeed('feed_c', now.toISOString()), createdAt: '2026-01-01T00:00:00.000Z' });
    table.put({ ...keys.feed('feed_a'), kind: 'feed', ...storedFeed('feed_a', now.toISOString()), createdAt: '2026-01-01T00:02:00.000Z' });
    table.put({ ...keys.feed('feed_b'), kind: 'feed', ...storedFeed('feed_b', now.toISOString()), createdAt: '2026-01-01T00:01:00.000Z' });
    const { deps } = harness([ok(rss), ok(rss), ok(rss)]);

    const { results } = await pollAllFeeds({ ...deps, table: { doc, name: 'newswatch' } });

    expect(results.map((result) => result.id)).toEqual(['feed_c', 'feed_b', 'feed_a']);
  });

  it("shows a failed feed's URL without its credentials, as every other answer does", async () => {
    const table = fakeTable();
    const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
    const stored = { ...storedFeed('private', now.toISOString()), url: 'https://reader:s3cret@feeds.example.com/wire.xml' };
    table.put({ ...keys.feed(stored.id), kind: 'feed', ...stored });
    const { deps } = harness([ok(rss)]);
    deps.ingest = async () => {
      throw new StoryNotCounted('The article is stored, but its story could not be updated');
    };

    const { results } = await pollAllFeeds({ ...deps, table: { doc, name: 'newswatch' } });

    expect(results).toEqual([expect.objectContaining({ status: 'error', url: 'https://***@feeds.example.com/wire.xml' })]);
    expect(JSON.stringify(results)).not.toContain('s3cret');
  });
});

describe('pollFeed on an item whose link changed and whose guid did not', () => {
  const withGuid = (link: string) =>
    Buffer.from(
      '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>' +
        `<item><title>Bout returns</title><link>${link}</link><guid isPermaLink="false">wire-0001</guid>` +
        '<description>Viktor Bout returned to Moscow.</description></item></channel></rss>',
    );

  it('knows it by its guid: no second article, no second alert', async () => {
    const first = harness([ok(withGuid('https://news.example.com/bout-returns'))]);
    await pollFeed(first.deps, feed);
    const second = harness([ok(withGuid('https://news.example.com/bout-returns-to-moscow'), '"v2"')]);

    const outcome = await pollFeed(second.deps, first.saved[0]!);

    expect(first.ingested).toHaveLength(1);
    expect(second.ingested).toEqual([]);
    expect(outcome).toMatchObject({ status: 'ok', new: 0, duplicates: 1 });
  });

  it('still takes new items of a feed that gives every item one guid', async () => {
    const feedOf = (slugs: string[]) =>
      Buffer.from(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>' +
          slugs
            .map(
              (slug) =>
                `<item><title>${slug}</title><link>https://news.example.com/${slug}</link><guid isPermaLink="false">https://news.example.com/</guid><description>Report ${slug}.</description></item>`,
            )
            .join('') +
          '</channel></rss>',
      );
    const first = harness([ok(feedOf(['one', 'two']))]);
    await pollFeed(first.deps, feed);
    const second = harness([ok(feedOf(['three', 'one', 'two']), '"v2"')]);

    const outcome = await pollFeed(second.deps, first.saved[0]!);

    expect(second.ingested.map((a) => a.url)).toEqual(['https://news.example.com/three']);
    expect(outcome).toMatchObject({ new: 1, duplicates: 2 });
  });
});
