/**
 * The local runtime polls due feeds by itself, through the same feed dispatcher (due feeds -> SQS
 * stand-in) and feed poller (SQS batch) handlers as deployed; a feed that is not due is left alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFeedServer, type FeedServer } from './feed-server';
import { api, startTestRuntime, stopTestRuntime, waitFor, type TestRuntime } from './helpers';

describe('local runtime: scheduled feed polling', () => {
  let runtime: TestRuntime | undefined;
  let server: FeedServer;

  beforeAll(async () => {
    server = await startFeedServer();
    runtime = await startTestRuntime({ feedPollIntervalMs: 300 });
  });

  afterAll(async () => {
    await stopTestRuntime(runtime);
    await server.close();
  });

  it('polls a newly added feed on its own timer, then not again before it is due', async () => {
    const added = await api(runtime!, 'POST', '/feeds', { url: server.url('/rss2.xml'), everyMinutes: 5 });
    expect(added.status).toBe(201);

    const listed = await waitFor(
      async () => (await api(runtime!, 'GET', '/feeds')).body.items[0],
      (feed) => feed?.lastStatus === 'ok',
      15_000,
      'the feed to be polled by the timer',
    );
    const polls = server.requests.filter((r) => r.path === '/rss2.xml').length;
    await runtime!.pollFeedsNow();
    await runtime!.pollFeedsNow();

    // rss2-mess.xml: six items, one repeated: five articles.
    expect(listed).toMatchObject({ lastStatus: 'ok', lastHttpStatus: 200, articles: 5, everyMinutes: 5 });
    expect(Date.parse(listed.nextPollAt) - Date.parse(listed.lastPolledAt)).toBe(5 * 60_000);
    expect(server.requests.filter((r) => r.path === '/rss2.xml').length).toBe(polls);
  });
});
