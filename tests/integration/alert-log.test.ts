import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, createQueue, receiveAtLeast, startTestRuntime, stopTestRuntime, type TestRuntime, waitFor } from './helpers';

const run = promisify(execFile);

/** GET /alerts and `newswatch alerts list`: every published alert, with its ingest-to-publish latency. */
describe('what was sent', () => {
  let runtime: TestRuntime | undefined;
  const griner = {
    id: 'log-griner',
    body: 'Brittney Griner was moved to a penal colony in Mordovia, her lawyers said.',
    publishedAt: '2022-11-17T08:50:00Z',
  };
  const bout = { id: 'log-bout', body: 'Viktor Bout gave an interview from his cell in Illinois.', publishedAt: '2021-03-01T10:00:00Z' };
  let ingested: Record<string, { storyId: string }>;

  beforeAll(async () => {
    runtime = await startTestRuntime();
    await api(runtime, 'PUT', '/watchlist/people/brittney-griner', { name: 'Brittney Griner' });
    const queue = await createQueue(runtime, 'log-alerts');
    await api(runtime, 'POST', '/subscriptions', { protocol: 'sqs', endpoint: queue.arn });
    const posted = await api(runtime, 'POST', '/articles', { articles: [griner, bout] });
    ingested = Object.fromEntries(posted.body.results.map((r: { id: string; storyId: string }) => [r.id, r]));
    await receiveAtLeast(runtime, queue.url, 2, 20_000);
    // The log entry is written just after the publish: wait for both article alerts and both story
    // alerts (each article starts a story that gains its people).
    await waitFor(
      () => api(runtime!, 'GET', '/alerts'),
      (r) => r.body.items?.length === 4,
      10_000,
      'four alerts logged',
    );
  }, 60_000);

  afterAll(async () => {
    await stopTestRuntime(runtime);
  });

  it('lists every published alert, newest first, with its article, story, tags and latency', async () => {
    const response = await api(runtime!, 'GET', '/alerts');
    expect(response.status).toBe(200);
    expect(response.body.items.map((a: { kind: string }) => a.kind).sort()).toEqual(['article', 'article', 'story', 'story']);
    const articleAlerts = response.body.items.filter((a: { kind: string }) => a.kind === 'article');
    const byArticle = new Map(articleAlerts.map((a: { articleIds: string[] }) => [a.articleIds[0], a]));
    expect(byArticle.get('log-griner')).toEqual({
      alertId: expect.stringMatching(/^al_/),
      kind: 'article',
      storyId: ingested['log-griner']!.storyId,
      articleIds: ['log-griner'],
      people: ['brittney-griner'],
      topics: [],
      ingestedAt: expect.any(String),
      publishedAt: expect.any(String),
      latencyMs: expect.any(Number),
      messageId: expect.any(String),
    });
    const times = response.body.items.map((a: { publishedAt: string }) => a.publishedAt);
    expect(times).toEqual([...times].sort().reverse());
    const g = byArticle.get('log-griner') as { ingestedAt: string; publishedAt: string; latencyMs: number };
    expect(g.latencyMs).toBe(Date.parse(g.publishedAt) - Date.parse(g.ingestedAt));
  });

  it('filters by person, pages with a cursor to the last page (which has none), and names a bad parameter', async () => {
    const onlyGriner = await api(runtime!, 'GET', '/alerts?person=brittney-griner');
    const first = await api(runtime!, 'GET', '/alerts?limit=2');
    const second = await api(runtime!, 'GET', `/alerts?limit=2&cursor=${first.body.nextCursor}`);
    const bad = await api(runtime!, 'GET', '/alerts?limit=0');
    // An article alert and a story alert (the story gained Griner) for the one Griner article.
    expect(onlyGriner.body.items.map((a: { articleIds: string[] }) => a.articleIds)).toEqual([['log-griner'], ['log-griner']]);
    const paged = [...first.body.items, ...second.body.items].map((a: { alertId: string }) => a.alertId);
    expect(new Set(paged).size).toBe(4);
    // The second page ends the log exactly: no cursor to an empty third page.
    expect(second.body.nextCursor).toBeUndefined();
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error)).toContain('limit');
  });

  it('prints the same list with `newswatch alerts list`', async () => {
    const { stdout } = await run(process.execPath, [
      'bin/newswatch-cli.mjs',
      'alerts',
      'list',
      '--url',
      runtime!.apiUrl,
      '--api-key',
      runtime!.apiKey,
      '--person',
      'brittney-griner',
    ]);
    expect(stdout).toContain('PUBLISHED');
    expect(stdout).toContain(ingested['log-griner']!.storyId);
    expect(stdout).not.toContain(ingested['log-bout']!.storyId);
  });
});
