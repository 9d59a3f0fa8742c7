/**
 * The user journeys over real HTTP against the local runtime: subscribe SQS queues, push the
 * seed article, each queue gets exactly what AWS would send it, a re-push is a duplicate without a
 * second alert, queries find the article, and a restart keeps the data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  alertOf,
  api,
  createQueue,
  drainQueue,
  receiveAtLeast,
  SEED_ARTICLE,
  restartTestRuntime,
  startTestRuntime,
  stopTestRuntime,
  type TestRuntime,
} from './helpers';

describe('local runtime: the seed article journey', () => {
  let runtime: TestRuntime | undefined;
  const queues: Record<string, { url: string; arn: string }> = {};
  let articleId = '';

  beforeAll(async () => {
    runtime = await startTestRuntime();
    // Another tracked person the seed article does not mention.
    const added = await api(runtime, 'PUT', '/watchlist/people/brittney-griner', { name: 'Brittney Griner' });
    expect([200, 201]).toContain(added.status);
    const follows = {
      bout: { people: ['viktor-bout'] },
      griner: { people: ['brittney-griner'] },
      exchange: { topics: ['prisoner-exchange'] },
    };
    for (const [name, follow] of Object.entries(follows)) {
      queues[name] = await createQueue(runtime, `journey-${name}`);
      const subscribed = await api(runtime, 'POST', '/subscriptions', { protocol: 'sqs', endpoint: queues[name]!.arn, ...follow });
      expect(subscribed.status).toBe(201);
    }
  });

  afterAll(() => stopTestRuntime(runtime));

  it('stores the seed article as new and tags its people and topic', async () => {
    const response = await api(runtime!, 'POST', '/articles', SEED_ARTICLE);

    expect(response.status).toBe(201);
    expect(response.body.duplicate).toBe(false);
    expect(response.body.people).toEqual(expect.arrayContaining(['viktor-bout', 'konstantin-yaroshenko', 'sergei-ryabkov']));
    expect(response.body.topics).toContain('prisoner-exchange');
    articleId = response.body.id;
  });

  it('sends one alert naming the article to the queue following Viktor Bout', async () => {
    const [message, ...more] = await receiveAtLeast(runtime!, queues.bout!.url, 1);

    const { alert } = alertOf(message!);
    expect(more).toHaveLength(0);
    expect(alert.articleId).toBe(articleId);
    expect(alert.people.map((p: { id: string }) => p.id)).toContain('viktor-bout');
    expect(alert.evidence.length).toBeGreaterThan(0);
  });

  it('sends one alert to the queue following the prisoner-exchange topic', async () => {
    const messages = await receiveAtLeast(runtime!, queues.exchange!.url, 1);

    expect(messages).toHaveLength(1);
    expect(alertOf(messages[0]!).alert.topics).toContain('prisoner-exchange');
  });

  it('sends nothing to the queue following a person the article does not mention', async () => {
    await runtime!.streamIdle();

    expect(await drainQueue(runtime!, queues.griner!.url)).toHaveLength(0);
  });

  it('answers a re-push with 200 duplicate and does not alert twice', async () => {
    const response = await api(runtime!, 'POST', '/articles', SEED_ARTICLE);
    await runtime!.streamIdle();

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: articleId, duplicate: true });
    expect(await drainQueue(runtime!, queues.bout!.url)).toHaveLength(0);
    expect(await drainQueue(runtime!, queues.exchange!.url)).toHaveLength(0);
  });

  it('finds the article by person and by id', async () => {
    const byPerson = await api(runtime!, 'GET', '/articles?person=konstantin-yaroshenko');
    const byId = await api(runtime!, 'GET', `/articles/${encodeURIComponent(articleId)}`);

    expect(byPerson.status).toBe(200);
    expect(byPerson.body.items.map((a: { id: string }) => a.id)).toContain(articleId);
    expect(byId.status).toBe(200);
    expect(byId.body.title).toBe(SEED_ARTICLE.title);
  });

  it('keeps the article, the key and the watchlist across a restart', async () => {
    runtime = await restartTestRuntime(runtime!);

    const byId = await api(runtime, 'GET', `/articles/${encodeURIComponent(articleId)}`);
    const watchlist = await api(runtime, 'GET', '/watchlist');

    expect(byId.status).toBe(200);
    expect(byId.body.id).toBe(articleId);
    expect(JSON.stringify(watchlist.body)).toContain('brittney-griner');
  });
});
