import { describe, expect, it } from 'vitest';
import { formatReport, passed, type SmokeReport } from '../../../functions/cli/smoke/report';
import { runSmoke, type QueuePort, type SmokeDeps, type SmokeQueue } from '../../../functions/cli/smoke/run-smoke';
import { smokeIdentity, type SmokeIdentity } from '../../../functions/cli/smoke/test-article';
import {
  ApiError,
  ConnectionError,
  OutOfTime,
  toApiError,
  type ApiClient,
  type RequestOptions,
} from '../../../functions/cli/support/http-client';

/**
 * The smoke test's steps against a fake API and a fake queue on a fake clock: what passes, what
 * fails, which cause is named, and that cleanup always runs.
 */
const identity: SmokeIdentity = {
  run: '0badcafe',
  person: { id: 'newswatch-smoke-0badcafe', name: 'Kepema Denonu' },
  queueName: 'newswatch-smoke-0badcafe',
};
const QUEUE: SmokeQueue = {
  url: 'http://queue/newswatch-smoke-0badcafe',
  arn: 'arn:aws:sqs:us-east-1:000000000000:newswatch-smoke-0badcafe',
};

type Route = (body: unknown) => { status: number; body: unknown };

interface World {
  clock: number;
  calls: string[];
  routes: Record<string, Route>;
  /** What the server knows: the watchlist, and whether the api/ingest functions see the new person yet. */
  apiKnowsPersonAfter: number;
  ingestKnowsPersonAfter: number;
  /** Alert bodies that reach the queue (after the article is posted). */
  deliver: (articleId: string) => string[];
  queueRemoved: boolean;
}

function alertBody(articleId: string): string {
  const alert = {
    alertId: 'al_1',
    articleId,
    title: 't',
    url: null,
    source: null,
    publishedAt: '2026-01-01T00:00:00.000Z',
    people: [],
    topics: [],
    evidence: [],
    test: true,
  };
  return JSON.stringify({ Type: 'Notification', Message: JSON.stringify(alert) });
}

/** The test article's alert as `GET /alerts` lists it. */
function sentAlertOf(articleId: string) {
  return {
    alertId: 'al_1',
    kind: 'article',
    articleIds: [articleId],
    people: [identity.person.id],
    topics: [],
    ingestedAt: '2026-01-01T00:00:00.000Z',
    publishedAt: '2026-01-01T00:00:00.200Z',
    latencyMs: 200,
    messageId: 'm-1',
    test: true,
  };
}

function world(overrides: Partial<World> = {}): World {
  const w: World = {
    clock: 1_000_000,
    calls: [],
    apiKnowsPersonAfter: 0,
    ingestKnowsPersonAfter: 0,
    deliver: (id) => [alertBody(id)],
    queueRemoved: false,
    routes: {},
    ...overrides,
  };
  const defaults: Record<string, Route> = {
    'GET /watchlist': () => ({
      status: 200,
      body: { people: [{ id: 'viktor-bout', name: 'Viktor Bout' }], topics: [{ id: 'prisoner-exchange' }] },
    }),
    [`PUT /watchlist/people/${identity.person.id}`]: () => ({ status: 201, body: identity.person }),
    'POST /subscriptions': () => {
      if (w.clock < w.apiKnowsPersonAfter) throw new ApiError(400, 'unknown_watchlist_id', 'Not on the watchlist', []);
      return { status: 201, body: { id: 'sub_1', status: 'confirmed' } };
    },
    'POST /articles': (body) => {
      const id = (body as { id: string }).id;
      return {
        status: 201,
        body: { id, duplicate: false, people: w.clock < w.ingestKnowsPersonAfter ? [] : [identity.person.id], topics: [] },
      };
    },
    'DELETE /subscriptions/sub_1': () => ({ status: 204, body: null }),
    [`DELETE /watchlist/people/${identity.person.id}`]: () => ({ status: 204, body: null }),
  };
  w.routes = { ...defaults, ...overrides.routes };
  return w;
}

function apiOf(w: World): ApiClient {
  return {
    baseUrl: 'http://api',
    async request<T>(method: string, path: string, body?: unknown, options?: RequestOptions<T>) {
      const key = `${method} ${path.split('?')[0]}`;
      // As the real client does: no request is begun past its deadline.
      if (options?.deadline !== undefined && w.clock >= options.deadline) throw new OutOfTime('http://api');
      w.calls.push(key);
      w.clock += 10;
      const route = w.routes[key];
      if (!route) throw new ApiError(404, 'not_found', `No route ${key}`, []);
      const answer = route(body);
      // As the real client does: a 2xx without the shape the request expects came from another server.
      if (options?.expect && !options.expect(answer.body)) throw toApiError(answer.status, answer.body, 'http://api');
      return answer as { status: number; body: T };
    },
  };
}

function queuesOf(w: World, posted: () => string | undefined): QueuePort {
  return {
    async create(name) {
      w.calls.push(`create queue ${name}`);
      return QUEUE;
    },
    async receive(_queue, waitSeconds) {
      const id = posted();
      if (id) {
        w.clock += 200;
        const bodies = w.deliver(id);
        if (bodies.length) return bodies;
      }
      w.clock += waitSeconds * 1_000;
      return [];
    },
    async remove() {
      w.calls.push('remove queue');
      w.queueRemoved = true;
    },
    causes: () => ['queue trouble'],
  };
}

async function smoke(w: World, timeoutMs = 60_000, extra: Partial<SmokeDeps> = {}): Promise<SmokeReport> {
  const api = apiOf(w);
  let lastArticle: string | undefined;
  const tracking: ApiClient = {
    baseUrl: api.baseUrl,
    request: async <T>(method: string, path: string, body?: unknown, options?: RequestOptions<T>) => {
      if (method === 'POST' && path === '/articles') lastArticle = (body as { id: string }).id;
      return api.request<T>(method, path, body, options);
    },
  };
  return runSmoke({
    api: tracking,
    queues: queuesOf(w, () => lastArticle),
    identity,
    target: 'http://api (test)',
    timeoutMs,
    now: () => w.clock,
    sleep: async (ms) => {
      w.clock += ms;
    },
    ...extra,
  });
}

const stepNamed = (report: SmokeReport, name: string) => report.steps.find((s) => s.name === name);

describe('newswatch smoke', () => {
  it('passes when the alert for the test article arrives, and reports ingest status and ingest-to-alert latency', async () => {
    const w = world();

    const report = await smoke(w);

    expect(passed(report)).toBe(true);
    expect(report.steps.map((s) => s.ok)).toEqual([true, true, true, true, true, true, true]);
    expect(report.measures['ingest status']).toBe('201 in 10 ms');
    expect(report.measures['ingest-to-alert latency']).toBe('200 ms');
    expect(formatReport(report)).toMatch(/\nPASS: every step passed in /);
  });

  it('tells of each step as it ends, in order, before the run is over', async () => {
    const w = world();
    const told: string[] = [];
    let over = false;

    const report = await smoke(w, 60_000, { onStep: (step) => told.push(`${step.name}, over: ${over}`) });
    over = true;

    expect(told).toEqual(report.steps.map((s) => `${s.name}, over: false`));
    expect(told).toHaveLength(7);
  });

  it("bounds every request by the run's deadline, and the questions after a missed alert and the cleanup by time of their own", async () => {
    const w = world();
    const deadlines: Array<[string, number | undefined, number]> = [];
    const api = apiOf(w);
    const recording: ApiClient = {
      baseUrl: api.baseUrl,
      request: <T>(method: string, path: string, body?: unknown, options?: RequestOptions<T>) => {
        deadlines.push([`${method} ${path}`, options?.deadline, w.clock]);
        return api.request<T>(method, path, body, options);
      },
    };
    const start = w.clock;

    // This client is not the one that notes the posted article, so no alert arrives: the wait uses the run's time up.
    const report = await smoke(w, 60_000, { api: recording });

    const during = deadlines.filter(([call, , at]) => !call.startsWith('DELETE') && at < start + 60_000);
    const evidence = deadlines.filter(([call, , at]) => !call.startsWith('DELETE') && at >= start + 60_000);
    const cleanup = deadlines.filter(([call]) => call.startsWith('DELETE'));
    expect(during.length).toBeGreaterThan(0);
    for (const [, deadline] of during) expect(deadline).toBe(start + 60_000);
    // Asked after the wait, with 10 s of their own (the tests of the causes below fail without them).
    expect(evidence.map(([call]) => call.split('?')[0])).toEqual(['GET /articles/newswatch-smoke-0badcafe-1', 'GET /alerts']);
    for (const [, deadline, at] of evidence) {
      expect(deadline! - at).toBeGreaterThan(0);
      expect(deadline! - at).toBeLessThanOrEqual(10_000);
    }
    expect(stepNamed(report, 'alert received')?.ok).toBe(false);
    expect(cleanup).toHaveLength(2);
    // The cleanup's 15 s count from the run's deadline, or from when it began if that was later.
    const cleanupBegan = cleanup[0]![2];
    for (const [, deadline] of cleanup) expect(deadline).toBe(Math.max(cleanupBegan, start + 60_000) + 15_000);
  });

  it('subscribes its own queue to the made-up person only and posts a test article naming them', async () => {
    const w = world();
    const bodies: Record<string, unknown> = {};
    for (const key of ['POST /subscriptions', 'POST /articles', `PUT /watchlist/people/${identity.person.id}`]) {
      const route = w.routes[key]!;
      w.routes[key] = (body) => {
        bodies[key] = body;
        return route(body);
      };
    }

    await smoke(w);

    expect(bodies['POST /subscriptions']).toEqual({ protocol: 'sqs', endpoint: QUEUE.arn, people: [identity.person.id] });
    expect(bodies['POST /articles']).toMatchObject({ test: true, body: expect.stringContaining('Kepema Denonu') });
    expect(bodies[`PUT /watchlist/people/${identity.person.id}`]).toEqual({ name: 'Kepema Denonu' });
  });

  it('removes the subscription, the queue and the watchlist entry afterwards', async () => {
    const w = world();

    await smoke(w);

    expect(w.calls.slice(-3)).toEqual(['DELETE /subscriptions/sub_1', 'remove queue', `DELETE /watchlist/people/${identity.person.id}`]);
  });

  it('names the authorizer when the key is refused, and creates nothing', async () => {
    const w = world({
      routes: {
        'GET /watchlist': () => {
          throw new ApiError(403, 'forbidden', 'This API key is unknown', []);
        },
      },
    });

    const report = await smoke(w);

    expect(passed(report)).toBe(false);
    expect(stepNamed(report, 'API reachable, key accepted')?.causes?.[0]).toMatch(/authorizer refused the key/);
    expect(report.steps.map((s) => s.name)).toEqual(['API reachable, key accepted', 'cleanup']);
    expect(w.calls).toEqual(['GET /watchlist']);
    expect(formatReport(report)).toMatch(/\nFAIL: API reachable, key accepted/);
  });

  it("says another server answers at --url when a 2xx is not newswatch's answer, and creates nothing", async () => {
    const w = world({ routes: { 'GET /watchlist': () => ({ status: 200, body: { Messages: [] } }) } });

    const report = await smoke(w);

    const step = stepNamed(report, 'API reachable, key accepted');
    expect(step?.ok).toBe(false);
    expect(step?.detail).toBe(
      'nothing newswatch is listening at http://api: it answered with something that is not newswatch JSON (HTTP 200)',
    );
    expect(step?.causes).toEqual([expect.stringMatching(/^another server answered at --url/)]);
    expect(w.calls).toEqual(['GET /watchlist']);
  });

  it("stops at a watchlist answer that is not newswatch's rather than taking the person as added", async () => {
    const w = world({ routes: { [`PUT /watchlist/people/${identity.person.id}`]: () => ({ status: 201, body: { ok: true } }) } });

    const report = await smoke(w);

    const step = stepNamed(report, 'made-up person added to watchlist');
    expect(step?.ok).toBe(false);
    expect(step?.detail).toMatch(/^nothing newswatch is listening at http:\/\/api/);
    expect(w.calls).not.toContain('POST /subscriptions');
  });

  it("stops at an ingest answer that is not newswatch's rather than reading it", async () => {
    const w = world({ routes: { 'POST /articles': () => ({ status: 201, body: { id: 'x', people: 'all' } }) } });

    const report = await smoke(w);

    const step = stepNamed(report, 'test article posted and tagged');
    expect(step?.ok).toBe(false);
    expect(step?.detail).toMatch(/^nothing newswatch is listening at http:\/\/api/);
    expect(w.queueRemoved).toBe(true);
  });

  it('says the API cannot be reached when the connection fails', async () => {
    const w = world({
      routes: {
        'GET /watchlist': () => {
          throw new ConnectionError('http://api', 'connection refused', true);
        },
      },
    });

    const report = await smoke(w);

    expect(stepNamed(report, 'API reachable, key accepted')?.causes?.[0]).toMatch(/cannot reach the API/);
  });

  it('tells a step that could not ask the API in the time left to give a longer --timeout', async () => {
    const w = world();
    const slowWatchlist = w.routes['GET /watchlist']!;
    w.routes['GET /watchlist'] = (body) => {
      w.clock += 61_000;
      return slowWatchlist(body);
    };

    const report = await smoke(w);

    const failed = report.steps.find((s) => !s.ok);
    expect(failed?.causes).toEqual([expect.stringMatching(/ran out of time before this step could ask the API: give a longer --timeout/)]);
    expect(w.calls).not.toContain('POST /articles');
  });

  it('retries the subscription while the API has not yet seen the new watchlist person (its cache)', async () => {
    const w = world({ apiKnowsPersonAfter: 1_000_000 + 7_000 });

    const report = await smoke(w);

    expect(passed(report)).toBe(true);
    expect(w.calls.filter((c) => c === 'POST /subscriptions').length).toBeGreaterThan(1);
  });

  it('posts a fresh test article while ingest has not yet seen the new person, and waits for that one', async () => {
    const w = world({ ingestKnowsPersonAfter: 1_000_000 + 5_000 });

    const report = await smoke(w);

    expect(passed(report)).toBe(true);
    expect(stepNamed(report, 'test article posted and tagged')?.detail).toMatch(/-\d+ tagged .* after \d+ tries/);
  });

  it('fails naming the watchlist cache when ingest never tags the new person in time', async () => {
    const w = world({ ingestKnowsPersonAfter: Number.MAX_SAFE_INTEGER });

    const report = await smoke(w, 10_000);

    expect(stepNamed(report, 'test article posted and tagged')?.causes?.[0]).toMatch(/watchlist cache/);
    expect(w.queueRemoved).toBe(true);
  });

  it('blames the stream or the dispatcher when no alert was published', async () => {
    const w = world({
      deliver: () => [],
      routes: {
        'GET /articles/newswatch-smoke-0badcafe-1': () => ({ status: 200, body: {} }),
        'GET /alerts': () => ({ status: 200, body: { items: [] } }),
      },
    });

    const report = await smoke(w, 20_000);

    const causes = stepNamed(report, 'alert received')?.causes ?? [];
    expect(causes[0]).toMatch(/no stream record/);
    expect(causes.join('\n')).not.toMatch(/queue policy/);
  });

  it('blames SNS delivery or the queue policy when the alert was published but never arrived', async () => {
    const w = world({
      deliver: () => [],
      routes: {
        'GET /articles/newswatch-smoke-0badcafe-1': () => ({ status: 200, body: {} }),
        'GET /alerts': () => ({ status: 200, body: { items: [sentAlertOf('newswatch-smoke-0badcafe-1')] } }),
      },
    });

    const report = await smoke(w, 20_000);

    const causes = stepNamed(report, 'alert received')?.causes ?? [];
    expect(causes).toEqual([expect.stringMatching(/SNS delivery/), expect.stringMatching(/queue policy/)]);
  });

  it('names every candidate cause when the server cannot say whether the alert was published', async () => {
    const w = world({ deliver: () => [], routes: { 'GET /articles/newswatch-smoke-0badcafe-1': () => ({ status: 200, body: {} }) } });

    const report = await smoke(w, 20_000);

    const causes = (stepNamed(report, 'alert received')?.causes ?? []).join('\n');
    expect(causes).toMatch(/no stream record/);
    expect(causes).toMatch(/SNS delivery/);
    expect(causes).toMatch(/queue policy/);
    expect(w.queueRemoved).toBe(true);
  });

  it('ignores alerts for other articles while it waits for its own', async () => {
    const w = world({ deliver: () => [alertBody('someone-else')] });

    const report = await smoke(w, 15_000);

    expect(stepNamed(report, 'alert received')?.ok).toBe(false);
  });

  it('refuses to post when the test article would also match a tracked person', async () => {
    const w = world({
      routes: { 'GET /watchlist': () => ({ status: 200, body: { people: [{ id: 'lookalike', name: 'Kepema Denonu' }], topics: [] } }) },
    });

    const report = await smoke(w);

    expect(stepNamed(report, 'made-up person added to watchlist')?.detail).toMatch(/would match person lookalike.*; nothing was posted/);
    expect(w.calls).not.toContain('POST /articles');
    expect(w.calls).not.toContain(`PUT /watchlist/people/${identity.person.id}`);
  });

  it('still checks for lookalikes when the watchlist holds an entry stored before control characters were refused', async () => {
    const people = [
      { id: 'dan-obrien', name: 'Dan O\u0092Brien' },
      { id: 'lookalike', name: 'Kepema Denonu' },
    ];
    const w = world({ routes: { 'GET /watchlist': () => ({ status: 200, body: { people, topics: [] } }) } });

    const report = await smoke(w);

    expect(stepNamed(report, 'made-up person added to watchlist')?.detail).toMatch(/would match person lookalike/);
    expect(w.calls).not.toContain(`PUT /watchlist/people/${identity.person.id}`);
  });

  it('fails when the server tagged the test article with a real topic, since its alert may have reached followers', async () => {
    const w = world({
      routes: {
        'POST /articles': (body) => ({
          status: 201,
          body: { id: (body as { id: string }).id, duplicate: false, people: [identity.person.id], topics: ['prisoner-exchange'] },
        }),
      },
    });

    const report = await smoke(w);

    expect(stepNamed(report, 'test article posted and tagged')?.ok).toBe(false);
    expect(stepNamed(report, 'test article posted and tagged')?.detail).toMatch(/also tagged prisoner-exchange/);
  });

  it('reports what cleanup could not remove, with the command to remove it, and fails', async () => {
    const w = world({
      routes: {
        'DELETE /subscriptions/sub_1': () => {
          throw new ApiError(500, 'internal', 'Internal error', []);
        },
      },
    });

    const report = await smoke(w);

    expect(passed(report)).toBe(false);
    expect(stepNamed(report, 'cleanup')?.todo).toEqual([expect.stringMatching(/^subscription is left .*npx newswatch unsubscribe sub_1$/)]);
    expect(w.queueRemoved).toBe(true);
  });

  it('fails when the subscription waits for confirmation (a queue in another account)', async () => {
    const w = world({ routes: { 'POST /subscriptions': () => ({ status: 201, body: { id: 'sub_1', status: 'pending-confirmation' } }) } });

    const report = await smoke(w);

    expect(stepNamed(report, 'queue subscribed to that person only')?.causes?.[0]).toMatch(/another AWS account/);
    expect(w.calls).toContain('DELETE /subscriptions/sub_1');
  });
});

describe('smokeIdentity', () => {
  it('names the person, the queue and the test articles after one run id, with a made-up two-word name', () => {
    const id = smokeIdentity();

    expect(id.person.id).toBe(`newswatch-smoke-${id.run}`);
    expect(id.queueName).toBe(`newswatch-smoke-${id.run}`);
    expect(id.person.name).toMatch(/^[A-Z][a-z]{5} [A-Z][a-z]{5}$/);
    expect(id.run).toMatch(/^[0-9a-f]{8}$/);
  });
});
