import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadStoryCases } from '../eval/stories/story-fixtures';
import { alertOf, api, createQueue, receiveAtLeast, startTestRuntime, stopTestRuntime, type TestRuntime } from './helpers';

/** Stories end to end on the local runtime: storyId at ingest, on the article, in the alert, and the two story routes. */
describe('stories through the local runtime', () => {
  let runtime: TestRuntime | undefined;
  const swap = loadStoryCases('tune').filter((c) => c.story === 'bout-griner-swap-2022');
  const verdict = loadStoryCases('tune').filter((c) => c.story === 'griner-verdict-2022');
  let queue: { url: string; arn: string };
  let results: { id: string; storyId: string; status: number }[];

  beforeAll(async () => {
    runtime = await startTestRuntime();
    queue = await createQueue(runtime, 'story-alerts');
    await api(runtime, 'PUT', '/watchlist/people/brittney-griner', { name: 'Brittney Griner', aliases: ['Бриттни Гринер'] });
    await api(runtime, 'POST', '/subscriptions', { protocol: 'sqs', endpoint: queue.arn, people: ['brittney-griner'] });
    // One batch: copies, rewrites and a translation arrive together, with an earlier event about the same person.
    const response = await api(runtime, 'POST', '/articles', { articles: [...verdict, ...swap].map((c) => c.article) });
    results = response.body.results;
  }, 60_000);

  afterAll(async () => {
    await stopTestRuntime(runtime);
  });

  it('answers every new article with the storyId of the event it reports', () => {
    const swapIds = new Set(results.slice(verdict.length).map((r) => r.storyId));
    const verdictIds = new Set(results.slice(0, verdict.length).map((r) => r.storyId));
    expect(results.every((r) => r.status === 201 && r.storyId.startsWith('st_'))).toBe(true);
    expect(swapIds.size).toBe(1);
    expect(verdictIds.size).toBe(1);
    expect([...swapIds][0]).not.toBe([...verdictIds][0]);
  });

  it('keeps the storyId on the stored article and on a re-send', async () => {
    const first = results[verdict.length]!;
    const stored = await api(runtime!, 'GET', `/articles/${first.id}`);
    const again = await api(runtime!, 'POST', '/articles', swap[0]!.article);
    expect(stored.body.storyId).toBe(first.storyId);
    expect(again.body).toMatchObject({ duplicate: true, storyId: first.storyId });
  });

  it('lists the stories about a person, most recently active first, and one story with its articles', async () => {
    const list = await api(runtime!, 'GET', '/stories?person=brittney-griner');
    const storyId = results[verdict.length]!.storyId;
    expect(list.status).toBe(200);
    expect(list.body.items.map((s: { id: string }) => s.id)).toEqual([storyId, results[0]!.storyId]);
    expect(list.body.items[0]).toMatchObject({
      articleCount: swap.length,
      languages: ['en', 'ru'],
      people: expect.arrayContaining(['brittney-griner', 'viktor-bout']),
      firstSeenAt: '2022-12-08T09:41:00.000Z',
      lastSeenAt: '2022-12-08T12:30:00.000Z',
    });
    const one = await api(runtime!, 'GET', `/stories/${storyId}`);
    expect(one.body.articles.map((a: { id: string }) => a.id).sort()).toEqual(swap.map((c) => c.id).sort());
    expect(one.body.articles[0]).toEqual({
      id: 'st-t-001',
      title: swap[0]!.article.title,
      url: swap[0]!.article.url,
      source: 'apnews.com',
      publishedAt: '2022-12-08T09:41:00.000Z',
      language: 'en',
    });
  });

  it('pages the story list with a cursor and answers 404 for an unknown story', async () => {
    const page = await api(runtime!, 'GET', '/stories?person=brittney-griner&limit=1');
    const next = await api(runtime!, 'GET', `/stories?person=brittney-griner&limit=1&cursor=${page.body.nextCursor}`);
    const missing = await api(runtime!, 'GET', '/stories/st_000000000000000000000000');
    expect([page.body.items.length, next.body.items.length]).toEqual([1, 1]);
    expect(next.body.items[0].id).not.toBe(page.body.items[0].id);
    expect(missing.status).toBe(404);
  });

  it('puts the storyId in every alert', async () => {
    const messages = await receiveAtLeast(runtime!, queue.url, verdict.length + swap.length, 20_000);
    const byArticle = new Map(results.map((r) => [r.id, r.storyId]));
    expect(messages.length).toBeGreaterThan(0);
    for (const m of messages) expect(alertOf(m).alert.storyId).toBe(byArticle.get(alertOf(m).alert.articleId));
  });
});
