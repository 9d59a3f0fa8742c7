import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  alertOf,
  api,
  createQueue,
  drainQueue,
  receiveAtLeast,
  startTestRuntime,
  stopTestRuntime,
  type TestRuntime,
  waitFor,
} from './helpers';

/** Delivery modes `article` and `story`, and `minScore`, as SNS filter policies deliver them (local stand-in closes fauxqs's gaps). */
describe('delivery per subscription', () => {
  let runtime: TestRuntime | undefined;
  const queues: Record<string, { url: string; arn: string }> = {};
  let twice: Awaited<ReturnType<typeof api>> | undefined;
  const at = (h: number) => `2022-12-08T${String(h).padStart(2, '0')}:00:00Z`;
  const wire = 'Brittney Griner was freed on Thursday in a prisoner swap at Abu Dhabi airport, officials said.';
  const copies = [
    { id: 'dm-1', title: 'Griner freed in swap', body: wire, publishedAt: at(9) },
    { id: 'dm-2', title: 'Griner released in swap', body: `${wire} More on our website.`, publishedAt: at(10) },
    {
      id: 'dm-3',
      title: 'Griner freed, Bout goes home',
      body: `${wire} Viktor Bout was flown to Moscow in exchange.`,
      publishedAt: at(11),
    },
  ];

  beforeAll(async () => {
    runtime = await startTestRuntime();
    await api(runtime, 'PUT', '/watchlist/people/brittney-griner', { name: 'Brittney Griner' });
    for (const name of ['article', 'story', 'strict', 'loose', 'twice', 'storyStrict', 'storyAll'])
      queues[name] = await createQueue(runtime, `dm-${name}`);
    const sub = (queue: string, body: object) =>
      api(runtime!, 'POST', '/subscriptions', { protocol: 'sqs', endpoint: queues[queue]!.arn, ...body });
    await sub('article', { people: ['brittney-griner', 'viktor-bout'] });
    await sub('story', { people: ['brittney-griner', 'viktor-bout'], delivery: 'story' });
    await sub('strict', { topics: ['prisoner-exchange'], minScore: 1 });
    await sub('loose', { topics: ['prisoner-exchange'], minScore: 0 });
    await sub('storyStrict', { topics: ['prisoner-exchange'], delivery: 'story', minScore: 1 });
    await sub('storyAll', { delivery: 'story' });
    // Each id twice, as some clients send their lists: followed once.
    twice = await sub('twice', {
      people: ['brittney-griner', 'viktor-bout', 'brittney-griner', 'viktor-bout'],
      topics: ['prisoner-exchange', 'prisoner-exchange'],
    });
    for (const c of copies) await api(runtime, 'POST', '/articles', c);
    // Scored below 1 by the tagger (0.999 without a title, and without a state beside the swap): the minScore 1
    // subscription must not get it.
    const weakWire = 'Brittney Griner was freed on Thursday in a prisoner swap, officials said.';
    await api(runtime, 'POST', '/articles', { id: 'dm-weak', body: weakWire, publishedAt: '2022-12-20T09:00:00Z' });
    // Its copy with a title, an hour later, joins its story and scores the topic 1: the story reaches minScore 1 only now.
    await api(runtime, 'POST', '/articles', {
      id: 'dm-strong',
      title: 'Griner freed in swap',
      body: weakWire,
      publishedAt: '2022-12-20T10:00:00Z',
    });
    await receiveAtLeast(runtime, queues.article!.url, 3, 20_000);
  }, 60_000);

  afterAll(async () => {
    await stopTestRuntime(runtime);
  });

  it('sends article subscribers one alert per article, and story subscribers one per story plus one when it gains a followed person', async () => {
    const storyAlerts = await receiveAtLeast(runtime!, queues.story!.url, 3, 20_000);
    await new Promise((r) => setTimeout(r, 1500));
    const late = await drainQueue(runtime!, queues.story!.url);
    const all = [...storyAlerts, ...late].map((m) => alertOf(m).alert).sort((a, b) => (a.articleId < b.articleId ? -1 : 1));
    expect(all.map((a) => [a.kind, a.articleId, a.gained])).toEqual([
      ['story', 'dm-1', { people: ['brittney-griner'], topics: ['prisoner-exchange'] }],
      ['story', 'dm-3', { people: ['viktor-bout'], topics: [] }],
      // Twelve days later: another event, so a new story and a new story alert.
      ['story', 'dm-weak', { people: ['brittney-griner'], topics: ['prisoner-exchange'] }],
    ]);
    expect(all[0].storyId).toBe(all[1].storyId);
    expect(all[2].storyId).not.toBe(all[0].storyId);
  });

  it('tells a story subscription with minScore of a story once its topic first reaches the bar, from the article that takes it there', async () => {
    const strict = await receiveAtLeast(runtime!, queues.storyStrict!.url, 2, 20_000);
    const all = await receiveAtLeast(runtime!, queues.storyAll!.url, 2, 20_000);
    await new Promise((r) => setTimeout(r, 1500));
    const articlesOf = async (queue: string, got: Awaited<ReturnType<typeof drainQueue>>) =>
      [...got, ...(await drainQueue(runtime!, queues[queue]!.url))].map((m) => alertOf(m).alert.articleId).sort();

    // dm-1 brought the topic at 1; dm-weak's story had it at 0.999 until dm-strong scored it 1.
    expect(await articlesOf('storyStrict', strict)).toEqual(['dm-1', 'dm-strong']);
    // Following every story alert: one per story and gained id, none for a score raised.
    expect(await articlesOf('storyAll', all)).toEqual(['dm-1', 'dm-3', 'dm-weak']);
  });

  it('holds back topic alerts under the subscription minScore (people are unaffected)', async () => {
    const loose = await receiveAtLeast(runtime!, queues.loose!.url, 1, 20_000);
    const strict = await drainQueue(runtime!, queues.strict!.url);
    const seen = loose.map((m) => alertOf(m).alert);
    await waitFor(
      async () => {
        seen.push(...(await drainQueue(runtime!, queues.loose!.url)).map((m) => alertOf(m).alert));
        return seen;
      },
      (alerts) => alerts.some((a) => a.articleId === 'dm-weak'),
      20_000,
      'the weak article alert at minScore 0',
    );
    const late = await drainQueue(runtime!, queues.strict!.url);
    const strictAlerts = [...strict, ...late];
    expect(seen.every((a) => a.kind === undefined)).toBe(true);
    expect(strictAlerts.map((m) => alertOf(m).alert.articleId)).not.toContain('dm-weak');
    expect(strictAlerts.every((m) => alertOf(m).envelope.MessageAttributes['score.prisoner-exchange'].Value === '1')).toBe(true);
  });

  it('sends a subscription that named each id twice one alert per article, and lists each id once', async () => {
    const first = await receiveAtLeast(runtime!, queues.twice!.url, 5, 20_000);
    await new Promise((r) => setTimeout(r, 1500));
    const late = await drainQueue(runtime!, queues.twice!.url);
    const listed = await api(runtime!, 'GET', '/subscriptions');

    expect(twice?.status).toBe(201);
    expect([...first, ...late].map((m) => alertOf(m).alert.articleId).sort()).toEqual(['dm-1', 'dm-2', 'dm-3', 'dm-strong', 'dm-weak']);
    expect(listed.body.items.find((i: { id: string }) => i.id === twice?.body.id)).toMatchObject({
      people: ['brittney-griner', 'viktor-bout'],
      topics: ['prisoner-exchange'],
    });
  });

  it('names a bad delivery or minScore in a 400', async () => {
    const badDelivery = await api(runtime!, 'POST', '/subscriptions', {
      protocol: 'sqs',
      endpoint: queues.article!.arn,
      delivery: 'weekly',
    });
    const badScore = await api(runtime!, 'POST', '/subscriptions', { protocol: 'sqs', endpoint: queues.article!.arn, minScore: 2 });
    expect([badDelivery.status, badScore.status]).toEqual([400, 400]);
    expect(JSON.stringify(badDelivery.body.error)).toContain('delivery');
    expect(JSON.stringify(badScore.body.error)).toContain('minScore');
  });
});
