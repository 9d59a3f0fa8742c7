import { describe, expect, it } from 'vitest';
import { reportError, UsageError } from '../../../functions/cli/support/cli-errors';
import {
  answerShape,
  type ApiError,
  ConnectionError,
  createApiClient,
  formatDetail,
  type FetchLike,
  OutOfTime,
} from '../../../functions/cli/support/http-client';
import { SubscriptionListAnswer, WatchlistAnswer } from '../../../functions/core/api-answers';

const SECRET = 'nw_abcdefghijkl_secret-secret-secret';

/** A fake fetch answering from a script, recording what it was sent. */
function scriptedFetch(steps: Array<() => Response>) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const fetch: FetchLike = async (url, init) => {
    calls.push({ url, init });
    const step = steps[Math.min(calls.length - 1, steps.length - 1)]!;
    return step();
  };
  return { fetch, calls };
}

/** An answer as newswatch gives it: JSON, marked with the header every newswatch answer carries. */
const json =
  (status: number, body: unknown, headers: Record<string, string> = {}) =>
  () =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', 'x-newswatch': '1', ...headers } });

/** JSON from some other server at that address: no x-newswatch header. */
const foreignJson = (status: number, body: unknown) => () =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const refused = () => {
  throw Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
};
const reset = () => {
  throw Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) });
};

function client(fetch: FetchLike, sleeps: number[] = [], baseUrl = 'http://127.0.0.1:3000') {
  return createApiClient({
    baseUrl,
    apiKey: SECRET,
    fetch,
    sleep: async (ms) => void sleeps.push(ms),
    random: () => 0.5,
    retry: { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1_000 },
  });
}

describe('API client', () => {
  it('sends the key in x-api-key and JSON in the body', async () => {
    const { fetch, calls } = scriptedFetch([json(201, { id: 'a' })]);

    const response = await client(fetch).request('POST', '/articles', { body: 'x' });

    expect(response).toEqual({ status: 201, body: { id: 'a' } });
    expect(calls[0]!.url).toBe('http://127.0.0.1:3000/articles');
    expect((calls[0]!.init.headers as Record<string, string>)['x-api-key']).toBe(SECRET);
    expect(calls[0]!.init.body).toBe('{"body":"x"}');
  });

  it('ends by a deadline: attempts cut to the time left, no retry begun past it, an error once it is out', async () => {
    let clock = 0;
    const calls: number[] = [];
    const sleeps: number[] = [];
    // A server that never answers: each attempt lasts until its abort signal fires (a fake 20 s here).
    const fetch: FetchLike = async () => {
      calls.push(clock);
      clock += 20_000;
      throw Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' });
    };
    const api = createApiClient({
      baseUrl: 'http://127.0.0.1:3000',
      apiKey: SECRET,
      fetch,
      now: () => clock,
      sleep: async (ms) => {
        sleeps.push(ms);
        clock += ms;
      },
      random: () => 0.5,
      retry: { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1_000 },
    });

    await expect(api.request('GET', '/watchlist', undefined, { deadline: 30_000 })).rejects.toThrow(ConnectionError);
    // Without the deadline, five attempts; with it, the second begins at 20 s and the third would begin past 30 s,
    // so there is no wait for it either.
    expect(calls).toEqual([0, 20_050]);
    expect(sleeps).toEqual([50]);
    await expect(api.request('GET', '/watchlist', undefined, { deadline: clock })).rejects.toThrow(OutOfTime);
    expect(calls).toHaveLength(2);
  });

  it('retries 429 and 503 with growing backoff, then succeeds', async () => {
    const sleeps: number[] = [];
    const { fetch, calls } = scriptedFetch([json(429, {}), json(503, {}), json(200, { ok: true })]);

    const response = await client(fetch, sleeps).request('GET', '/watchlist');

    expect(response.status).toBe(200);
    expect(calls).toHaveLength(3);
    expect(sleeps).toEqual([50, 100]);
  });

  it('honours Retry-After when it asks for longer than the backoff', async () => {
    const sleeps: number[] = [];
    const { fetch } = scriptedFetch([json(429, {}, { 'retry-after': '2' }), json(200, {})]);

    await client(fetch, sleeps).request('GET', '/watchlist');

    expect(sleeps).toEqual([2_000]);
  });

  it('gives up after the attempt limit and reports the last error', async () => {
    const sleeps: number[] = [];
    const { fetch, calls } = scriptedFetch([json(503, { error: { code: 'unavailable', message: 'Try later' } })]);

    const failure = client(fetch, sleeps).request('GET', '/watchlist');

    await expect(failure).rejects.toThrow('Try later (HTTP 503 unavailable)');
    expect(calls).toHaveLength(4);
    expect(sleeps).toHaveLength(3);
  });

  it('retries a reset connection', async () => {
    const { fetch, calls } = scriptedFetch([reset, json(200, {})]);

    await client(fetch).request('GET', '/watchlist');

    expect(calls).toHaveLength(2);
  });

  it('fails at once on a refused connection with a hint to start the local runtime', async () => {
    const { fetch, calls } = scriptedFetch([refused]);

    const error = await client(fetch)
      .request('GET', '/watchlist')
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toBe(
      'nothing newswatch is listening at http://127.0.0.1:3000 (connection refused) — is `npm start` running?',
    );
    expect(calls).toHaveLength(1);
  });

  it('points at --url when a remote API refuses', async () => {
    const { fetch } = scriptedFetch([refused]);

    await expect(client(fetch, [], 'https://api.example.com/prod').request('GET', '/x')).rejects.toThrow(/check --url/);
  });

  it('does not retry a 400 and keeps its details', async () => {
    const body = {
      error: {
        code: 'validation_failed',
        message: 'Invalid request: body: must not be empty',
        details: [{ path: 'body', message: 'must not be empty' }],
      },
    };
    const { fetch, calls } = scriptedFetch([json(400, body)]);

    const error = (await client(fetch)
      .request('POST', '/articles', {})
      .catch((e: unknown) => e)) as ApiError;

    expect(calls).toHaveLength(1);
    expect(error.status).toBe(400);
    expect(error.code).toBe('validation_failed');
    expect(error.detailLines).toEqual(['body: must not be empty']);
  });

  it('says nothing newswatch listens at the URL when another server answers (a wrong --url port), without quoting its page', async () => {
    const { fetch } = scriptedFetch([() => new Response('<?xml version="1.0"?><Error><Code>NoSuchBucket</Code></Error>', { status: 404 })]);

    const error = (await client(fetch)
      .request('GET', '/watchlist')
      .catch((e: unknown) => e)) as ApiError;

    expect(error.message).toBe(
      'nothing newswatch is listening at http://127.0.0.1:3000: it answered with a page that is not newswatch JSON (HTTP 404)',
    );
    expect(error.detailLines).toEqual(['hint: check --url / NEWSWATCH_URL (the local runtime prints its address when it starts)']);
  });

  it('says the same of a 2xx from another server, for any request, without retrying', async () => {
    const { fetch, calls } = scriptedFetch([() => new Response('<html><body>Welcome</body></html>', { status: 200 })]);

    const error = (await client(fetch)
      .request('GET', '/feeds')
      .catch((e: unknown) => e)) as ApiError;

    expect(calls).toHaveLength(1);
    expect(error.message).toBe(
      'nothing newswatch is listening at http://127.0.0.1:3000: it answered with a page that is not newswatch JSON (HTTP 200)',
    );
    expect(error.exitCode).toBe(1);
  });

  it('refuses a 2xx JSON answer without the shape the request expects, and passes one with it', async () => {
    const hasItems = (body: unknown) => typeof body === 'object' && body !== null && 'items' in body;
    const foreign = scriptedFetch([foreignJson(200, { Messages: [] })]);
    const newswatch = scriptedFetch([json(200, { items: [] })]);

    await expect(client(foreign.fetch).request('GET', '/feeds', undefined, { expect: hasItems })).rejects.toThrow(
      'nothing newswatch is listening at http://127.0.0.1:3000: it answered with something that is not newswatch JSON (HTTP 200)',
    );
    await expect(client(newswatch.fetch).request('GET', '/feeds', undefined, { expect: hasItems })).resolves.toEqual({
      status: 200,
      body: { items: [] },
    });
  });

  it('says that JSON of another shape may be an older newswatch stack as well as another server, and a page only another server', async () => {
    const hasItems = (body: unknown) => typeof body === 'object' && body !== null && 'items' in body;
    const hintsFor = async (answer: () => Response) =>
      (
        (await client(scriptedFetch([answer]).fetch)
          .request('GET', '/subscriptions', undefined, { expect: hasItems })
          .catch((e: unknown) => e)) as ApiError
      ).detailLines;

    expect(await hintsFor(foreignJson(200, { subscriptions: [] }))).toEqual([
      'hint: check --url / NEWSWATCH_URL (the local runtime prints its address when it starts)',
      'hint: a newswatch stack older than this CLI may lack a field it reads: `npx cdk deploy` first',
    ]);
    expect(await hintsFor(() => new Response('<html></html>', { status: 200 }))).toEqual([
      'hint: check --url / NEWSWATCH_URL (the local runtime prints its address when it starts)',
    ]);
  });

  it('says that a marked answer of another shape comes from a newswatch of another version, and names the field', async () => {
    const subscription = {
      id: 'sub_1',
      protocol: 'email',
      endpoint: 'a***@example.com',
      people: ['viktor-bout'],
      topics: [],
      delivery: 'article',
      status: 'paused', // a status this version does not know
      createdAt: '2026-01-01T00:00:00.000Z',
    };
    const error = (await client(scriptedFetch([json(200, { items: [subscription] })]).fetch)
      .request('GET', '/subscriptions', undefined, { expect: answerShape(SubscriptionListAnswer) })
      .catch((e: unknown) => e)) as ApiError;

    expect(error.message).toBe('newswatch at http://127.0.0.1:3000 answered in a shape this CLI does not read (HTTP 200)');
    expect(error.detailLines[0]).toMatch(/^field "items\.0\.status": /);
    expect(error.detailLines[1]).toBe(
      'hint: the server and this CLI are different versions: `npx cdk deploy` this checkout, or use the CLI of the deployed version',
    );
  });

  it('names a differing field without the control characters a server-chosen key holds, and takes a marked page for no newswatch answer', async () => {
    const topic = { id: 'prisoner-exchange', terms: { 'swap\u001b[2J': 'not a list' } };
    const marked = (await client(scriptedFetch([json(200, { people: [], topics: [topic] })]).fetch)
      .request('GET', '/watchlist', undefined, { expect: answerShape(WatchlistAnswer) })
      .catch((e: unknown) => e)) as ApiError;
    expect(marked.detailLines[0]).toMatch(/^field "topics\.0\.terms\.swap\[2J": /);

    const page = () => new Response('<html></html>', { status: 200, headers: { 'x-newswatch': '1' } });
    const error = (await client(scriptedFetch([page]).fetch)
      .request('GET', '/watchlist', undefined, { expect: answerShape(WatchlistAnswer) })
      .catch((e: unknown) => e)) as ApiError;
    expect(error.message).toBe(
      'nothing newswatch is listening at http://127.0.0.1:3000: it answered with a page that is not newswatch JSON (HTTP 200)',
    );
  });

  it("takes an empty answer (a 204) as newswatch's only with the x-newswatch header every newswatch answer carries", async () => {
    const foreign = scriptedFetch([() => new Response(null, { status: 204 })]);
    const newswatch = scriptedFetch([() => new Response(null, { status: 204, headers: { 'x-newswatch': '1' } })]);

    const error = (await client(foreign.fetch)
      .request('DELETE', '/feeds/feed_0123456789abcdef0123')
      .catch((e: unknown) => e)) as ApiError;

    expect(foreign.calls).toHaveLength(1);
    expect(error.message).toBe(
      'nothing newswatch is listening at http://127.0.0.1:3000: it answered with an empty answer without the x-newswatch header newswatch sends (HTTP 204)',
    );
    expect(error.detailLines).toEqual([
      'hint: check --url / NEWSWATCH_URL (the local runtime prints its address when it starts)',
      'hint: a newswatch stack deployed before its answers carried x-newswatch needs `npx cdk deploy` first',
    ]);
    await expect(client(newswatch.fetch).request('DELETE', '/feeds/feed_0123456789abcdef0123')).resolves.toEqual({
      status: 204,
      body: null,
    });
  });

  it("takes an answer no schema checks (a DELETE's) as newswatch's only with the x-newswatch header, JSON or not", async () => {
    const foreign = scriptedFetch([() => new Response('{"ok": true}', { status: 200 })]);

    const error = (await client(foreign.fetch)
      .request('DELETE', '/subscriptions/sub_0123456789abcdef0123456789abcdef')
      .catch((e: unknown) => e)) as ApiError;

    expect(error.message).toBe(
      'nothing newswatch is listening at http://127.0.0.1:3000: it answered with JSON without the x-newswatch header newswatch sends (HTTP 200)',
    );
    await expect(client(scriptedFetch([json(200, { ok: true })]).fetch).request('DELETE', '/x')).resolves.toEqual({
      status: 200,
      body: { ok: true },
    });
  });

  it("points at the CLI's own key reading when the local runtime says the key is from an earlier run", async () => {
    const message =
      "This API key is not this run's: most likely one from an earlier run of the local runtime (npm start makes a new one each start), or mistyped; the current key is in .newswatch/runtime.json";
    const { fetch } = scriptedFetch([json(403, { error: { code: 'forbidden', message } })]);

    const error = (await client(fetch)
      .request('GET', '/watchlist')
      .catch((e: unknown) => e)) as ApiError;

    expect(error.detailLines).toEqual(['hint: unset NEWSWATCH_API_KEY (and drop --api-key): the CLI then reads the current key by itself']);
  });

  it("keeps API Gateway's own refusals (deployed newswatch) as they are", async () => {
    const { fetch } = scriptedFetch([json(403, { message: 'Forbidden' })]);

    await expect(client(fetch).request('GET', '/watchlist')).rejects.toThrow(/^Forbidden \(HTTP 403\)$/);
  });
});

describe('error printing', () => {
  it('prints the message and each detail, and never the API key', async () => {
    const { fetch } = scriptedFetch([json(401, { error: { code: 'unauthorized', message: 'Missing or invalid API key' } })]);
    const error = await client(fetch)
      .request('GET', '/watchlist')
      .catch((e: unknown) => e);
    let printed = '';

    const code = reportError(error, { write: (text: string) => (printed += text) });

    expect(code).toBe(1);
    expect(printed).toBe('newswatch: Missing or invalid API key (HTTP 401 unauthorized)\n  hint: check --api-key / NEWSWATCH_API_KEY\n');
    expect(printed).not.toContain(SECRET);
  });

  it('prints an unexpected error on one line', () => {
    let printed = '';

    const code = reportError(new Error('boom'), { write: (text: string) => (printed += text) });

    expect(code).toBe(1);
    expect(printed).toBe('newswatch: unexpected error: boom\n');
  });

  it('writes a control character a message quotes (a typed file name, a detail) as an escape, keeping its own line breaks', () => {
    let printed = '';

    reportError(new UsageError('nope\u001b[31m.json: no such file\nsecond line', ['id "a\u0007b"']), {
      write: (text: string) => (printed += text),
    });

    expect(printed).toBe('newswatch: nope\\u001b[31m.json: no such file\nsecond line\n  id "a\\u0007b"\n');
  });

  it('formats details of any shape as one line each', () => {
    expect(formatDetail({ path: 'articles.3.url', message: 'must be an http(s) URL' })).toBe('articles.3.url: must be an http(s) URL');
    expect(formatDetail({ field: ['people', 0], reason: 'unknown id' })).toBe('people.0: unknown id');
    expect(formatDetail('plain words')).toBe('plain words');
    expect(formatDetail({ weird: true })).toBe('{"weird":true}');
  });
});
