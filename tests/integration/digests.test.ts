import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertOf, api, createQueue, drainQueue, receiveAtLeast, startTestRuntime, stopTestRuntime, type TestRuntime } from './helpers';

const run = promisify(execFile);

/** hourly/daily subscriptions: one digest per period of the stories that matched, sent by `newswatch digest send`. */
describe('digests', () => {
  let runtime: TestRuntime | undefined;
  let hourly: { url: string; arn: string };
  let daily: { url: string; arn: string };
  let storyId: string;

  beforeAll(async () => {
    runtime = await startTestRuntime();
    await api(runtime, 'PUT', '/watchlist/people/brittney-griner', { name: 'Brittney Griner' });
    hourly = await createQueue(runtime, 'dg-hourly');
    daily = await createQueue(runtime, 'dg-daily');
    await api(runtime, 'POST', '/subscriptions', {
      protocol: 'sqs',
      endpoint: hourly.arn,
      people: ['brittney-griner'],
      delivery: 'hourly',
    });
    await api(runtime, 'POST', '/subscriptions', { protocol: 'sqs', endpoint: daily.arn, people: ['viktor-bout'], delivery: 'daily' });
    const body = 'Brittney Griner was moved to a penal colony in Mordovia, her lawyers said on Thursday.';
    const posted = await api(runtime, 'POST', '/articles', {
      articles: [
        {
          id: 'dg-1',
          title: 'Griner moved to penal colony',
          body,
          url: 'https://example.com/dg-1',
          source: 'a.example',
          publishedAt: '2022-11-17T08:50:00Z',
        },
        {
          id: 'dg-2',
          title: 'Griner transferred to Mordovia',
          body: `${body} More soon.`,
          source: 'b.example',
          publishedAt: '2022-11-17T09:30:00Z',
        },
      ],
    });
    storyId = posted.body.results[0].storyId;
    // Digests cover articles ingested more than a few seconds ago.
    await new Promise((r) => setTimeout(r, 6_000));
  }, 60_000);

  afterAll(async () => {
    await stopTestRuntime(runtime);
  });

  it('sends one hourly digest listing the matched story once, and nothing to a daily subscriber whom nothing matched', async () => {
    const { stdout } = await run(process.execPath, [
      'bin/newswatch-cli.mjs',
      'digest',
      'send',
      '--url',
      runtime!.apiUrl,
      '--api-key',
      runtime!.apiKey,
    ]);
    const [message] = await receiveAtLeast(runtime!, hourly.url, 1, 20_000);
    const digest = alertOf(message!).alert;
    expect(stdout).toContain('sent');
    expect(digest).toMatchObject({ kind: 'digest', delivery: 'hourly', periodStart: expect.any(String), periodEnd: expect.any(String) });
    expect(digest.stories).toEqual([
      {
        id: storyId,
        title: 'Griner moved to penal colony',
        articleCount: 2,
        sources: ['a.example', 'b.example'],
        people: ['brittney-griner'],
        topics: [],
        url: 'https://example.com/dg-1',
      },
    ]);
    expect(await drainQueue(runtime!, daily.url)).toEqual([]);
  });

  it('sends nothing the second time: the period moved on, and nothing matched since', async () => {
    const again = await api(runtime!, 'POST', '/digests', { delivery: 'hourly' });
    expect(again.body.items).toEqual([expect.objectContaining({ delivery: 'hourly', sent: false, stories: 0 })]);
    expect(await drainQueue(runtime!, hourly.url)).toEqual([]);
  });

  it('records the digest in GET /alerts and names a bad delivery', async () => {
    const log = await api(runtime!, 'GET', '/alerts');
    const bad = await api(runtime!, 'POST', '/digests', { delivery: 'weekly' });
    expect(log.body.items.filter((a: { kind: string }) => a.kind === 'digest')).toEqual([
      expect.objectContaining({ kind: 'digest', articleIds: expect.arrayContaining(['dg-1', 'dg-2']), people: ['brittney-griner'] }),
    ]);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error)).toContain('delivery');
  });
});
