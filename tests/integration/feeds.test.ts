/**
 * Feeds end to end on the local runtime, against a real local HTTP server: each format becomes
 * articles through the same ingest as POST /articles, a feed item naming Viktor Bout makes exactly
 * one article and one alert across repeated polls (304, unchanged body, changed title), and a
 * failing feed shows its error without affecting the others.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFeedServer, type FeedServer } from './feed-server';
import { alertOf, api, createQueue, drainQueue, receiveAtLeast, startTestRuntime, stopTestRuntime, type TestRuntime } from './helpers';

const BOUT_LINK = 'https://news.example.com/2022/12/08/bout-freed';
const boutFeed = (title: string) => `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Wire</title><link>https://news.example.com/</link>
<item><title>${title}</title><link>${BOUT_LINK}?utm_source=rss</link><guid>bout-freed</guid>
<pubDate>Thu, 08 Dec 2022 12:00:00 GMT</pubDate>
<description><![CDATA[<p>Viktor Bout was flown to Abu Dhabi and released in a prisoner exchange.</p>]]></description></item>
</channel></rss>`;

interface PollResult {
  id: string;
  status: string;
  new: number;
  duplicates: number;
  error?: string;
}

describe('feeds on the local runtime', () => {
  let runtime: TestRuntime | undefined;
  let server: FeedServer;
  let queue: { url: string; arn: string };
  const feedIds: Record<string, string> = {};

  const poll = async (): Promise<Record<string, PollResult>> => {
    const response = await api(runtime!, 'POST', '/feeds/poll', {});
    expect(response.status).toBe(200);
    return Object.fromEntries((response.body.results as PollResult[]).map((r) => [r.id, r]));
  };

  beforeAll(async () => {
    server = await startFeedServer();
    server.docs.set('/bout.xml', { body: boutFeed('Viktor Bout freed'), contentType: 'application/rss+xml', validators: true });
    runtime = await startTestRuntime();
    queue = await createQueue(runtime, 'feeds-bout');
    expect((await api(runtime, 'POST', '/subscriptions', { protocol: 'sqs', endpoint: queue.arn, people: ['viktor-bout'] })).status).toBe(
      201,
    );
  });

  afterAll(async () => {
    await stopTestRuntime(runtime);
    await server.close();
  });

  it('adds a feed with the defaults, and the same URL again is the same feed', async () => {
    const added = await api(runtime!, 'POST', '/feeds', { url: server.url('/bout.xml'), source: 'Wire' });
    const again = await api(runtime!, 'POST', '/feeds', { url: server.url('/bout.xml') });

    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ url: server.url('/bout.xml'), source: 'Wire', everyMinutes: 15, lastPolledAt: null, articles: 0 });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(added.body.id);
    feedIds.bout = added.body.id;
  });

  it('refuses the same feed asked for with other settings (409 naming each), and keeps it as it was', async () => {
    const url = server.url('/bout.xml');
    const otherEvery = await api(runtime!, 'POST', '/feeds', { url, everyMinutes: 30 });
    const otherSource = await api(runtime!, 'POST', '/feeds', { url, source: 'Other wire', fullText: false });
    const sameSettings = await api(runtime!, 'POST', '/feeds', { url, source: 'Wire', everyMinutes: 15 });

    expect(otherEvery.status).toBe(409);
    expect(otherEvery.body.error).toMatchObject({ code: 'feed_already_added', details: [{ path: 'everyMinutes' }] });
    expect(otherSource.status).toBe(409);
    expect(otherSource.body.error.details.map((d: { path: string }) => d.path)).toEqual(['source']);
    expect(otherSource.body.error.message).not.toContain('Other wire');
    expect(sameSettings.status).toBe(200);
    expect(sameSettings.body).toMatchObject({ id: feedIds.bout, source: 'Wire', everyMinutes: 15 });
  });

  it('makes a feed item naming Viktor Bout one article and one alert across repeated polls', async () => {
    const first = await poll();
    const second = await poll(); // 304: the server honours the saved ETag
    server.docs.set('/bout.xml', { body: boutFeed('Viktor Bout freed in swap for Griner'), contentType: 'application/rss+xml' });
    const third = await poll(); // changed title, same link, no validators
    const fourth = await poll(); // the same body again: unchanged
    await runtime!.streamIdle();
    const alerts = await receiveAtLeast(runtime!, queue.url, 1);
    await runtime!.streamIdle();
    alerts.push(...(await drainQueue(runtime!, queue.url)));

    expect(first[feedIds.bout!]).toMatchObject({ status: 'ok', new: 1, duplicates: 0 });
    expect(second[feedIds.bout!]).toMatchObject({ status: 'not_modified', new: 0 });
    expect(third[feedIds.bout!]).toMatchObject({ status: 'ok', new: 0, duplicates: 1 });
    expect(fourth[feedIds.bout!]).toMatchObject({ status: 'not_modified', new: 0 });
    expect(alerts).toHaveLength(1);
    const { alert } = alertOf(alerts[0]!);
    const stored = await api(runtime!, 'GET', '/articles?person=viktor-bout');
    expect(stored.body.items).toHaveLength(1);
    expect(stored.body.items[0]).toMatchObject({ id: alert.articleId, title: 'Viktor Bout freed', source: 'Wire' });
    expect(stored.body.items[0].url).toContain(BOUT_LINK);
  });

  it('gives the item the same article id as POST /articles with its link', async () => {
    const posted = await api(runtime!, 'POST', '/articles', { url: BOUT_LINK, body: 'Viktor Bout, posted by hand.' });
    expect(posted.status).toBe(200);
    expect(posted.body.duplicate).toBe(true);
  });

  it('ingests RSS 1.0, Atom, JSON Feed and non-UTF-8 feeds', async () => {
    for (const path of ['/rss1.rdf', '/atom.xml', '/feed.json', '/cp1251.xml', '/koi8r.xml', '/bom.xml']) {
      const added = await api(runtime!, 'POST', '/feeds', { url: server.url(path) });
      expect(added.status).toBe(201);
      feedIds[path] = added.body.id;
    }
    const results = await poll();

    expect(results[feedIds['/rss1.rdf']!]).toMatchObject({ status: 'ok', new: 2 });
    expect(results[feedIds['/atom.xml']!]).toMatchObject({ status: 'ok', new: 2 });
    expect(results[feedIds['/feed.json']!]).toMatchObject({ status: 'ok', new: 3 });
    // The same Russian item three times, in three encodings: one article.
    const russian = ['/cp1251.xml', '/koi8r.xml', '/bom.xml'].map((p) => results[feedIds[p]!]!);
    expect(russian.map((r) => r.status)).toEqual(['ok', 'ok', 'ok']);
    expect(russian.reduce((sum, r) => sum + r.new, 0)).toBe(1);
    const bout = await api(runtime!, 'GET', '/articles?person=viktor-bout&limit=50');
    expect(bout.body.items.map((a: { title: string }) => a.title)).toContain('Виктор Бут вернулся в Москву');
  });

  it('records a failing feed with its error in GET /feeds without affecting the others', async () => {
    const html = await api(runtime!, 'POST', '/feeds', { url: server.url('/html-page') });
    const busy = await api(runtime!, 'POST', '/feeds', { url: server.url('/busy') });
    const results = await poll();
    const listed = await api(runtime!, 'GET', '/feeds');
    const byId = Object.fromEntries(listed.body.items.map((f: { id: string }) => [f.id, f]));

    expect(results[html.body.id]).toMatchObject({ status: 'error' });
    expect(byId[html.body.id]).toMatchObject({ lastStatus: 'error', lastError: expect.stringMatching(/not an RSS, Atom or JSON feed/) });
    expect(byId[busy.body.id]).toMatchObject({ lastStatus: 'error', lastHttpStatus: 429, lastError: 'HTTP 429' });
    // Retry-After: 7200 s is honoured: not before two hours from now.
    expect(Date.parse(byId[busy.body.id].nextPollAt) - Date.now()).toBeGreaterThan(7_100_000);
    expect(byId[feedIds.bout!]).toMatchObject({ lastStatus: 'not_modified', articles: 1 });
  });

  it('refuses bad input naming the field, and removes a feed', async () => {
    const badUrl = await api(runtime!, 'POST', '/feeds', { url: 'ftp://example.com/feed' });
    const badEvery = await api(runtime!, 'POST', '/feeds', { url: server.url('/x'), everyMinutes: 2 });
    const removed = await api(runtime!, 'DELETE', `/feeds/${feedIds['/atom.xml']}`);
    const again = await api(runtime!, 'DELETE', `/feeds/${feedIds['/atom.xml']}`);
    const listed = await api(runtime!, 'GET', '/feeds');

    expect(badUrl.status).toBe(400);
    expect(badUrl.body.error.details[0].path).toBe('url');
    expect(badEvery.status).toBe(400);
    expect(badEvery.body.error.details[0].path).toBe('everyMinutes');
    expect(removed.status).toBe(204);
    expect(again.status).toBe(404);
    expect(listed.body.items.map((f: { id: string }) => f.id)).not.toContain(feedIds['/atom.xml']);
  });
});
