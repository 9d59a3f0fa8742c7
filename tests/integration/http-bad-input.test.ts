/**
 * Bad requests over real HTTP get the right 4xx in the contract's error shape, and the server keeps
 * serving afterwards.
 */
import { request } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, createQueue, SEED_ARTICLE, startTestRuntime, stopTestRuntime, type TestRuntime } from './helpers';

/** A GET whose path is sent as written: fetch and curl (without --path-as-is) resolve its dot segments first. */
function getAsWritten(
  runtime: TestRuntime,
  path: string,
): Promise<{ status: number; body: { error?: { code: string; details?: unknown } } }> {
  return new Promise((resolve, reject) => {
    const req = request(`${runtime.apiUrl}/`, { path, headers: { 'x-api-key': runtime.apiKey } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('local HTTP API: bad input', () => {
  let runtime: TestRuntime | undefined;

  beforeAll(async () => {
    runtime = await startTestRuntime();
  });

  afterAll(async () => {
    // Whatever came before, the server still answers a good request.
    const after = await api(runtime!, 'GET', '/watchlist');
    expect(after.status).toBe(200);
    await stopTestRuntime(runtime);
  });

  it('answers 400 naming the endpoint when the SQS queue to subscribe does not exist, and stores nothing', async () => {
    const missingQueue = 'arn:aws:sqs:us-east-1:000000000000:no-such-queue-for-newswatch';

    const response = await api(runtime!, 'POST', '/subscriptions', { protocol: 'sqs', endpoint: missingQueue, people: ['viktor-bout'] });
    const listed = await api(runtime!, 'GET', '/subscriptions');

    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: 'invalid_endpoint', details: [{ path: 'endpoint' }] });
    expect(JSON.stringify(response.body)).not.toContain('no-such-queue');
    expect(listed.body.items).toEqual([]);
  });

  it.each([
    ['terms', { terms: { A: Array.from({ length: 5_000 }, (_, i) => `word${i} ${'x'.repeat(140)}`) }, rules: [{ all: ['A'], weight: 1 }] }],
    ['rules', { terms: { A: ['alpha'] }, rules: Array.from({ length: 20_000 }, () => ({ all: ['A'], weight: 0.5 })) }],
  ])('answers a topic whose %s make it too large to store with 400 naming that field, and stores nothing', async (field, topic) => {
    const response = await api(runtime!, 'PUT', '/watchlist/topics/too-large', topic);
    const watchlist = await api(runtime!, 'GET', '/watchlist');

    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({
      code: 'validation_failed',
      details: [{ path: field, message: expect.stringContaining('too large to store') }],
    });
    expect(watchlist.body.topics.map((t: { id: string }) => t.id)).not.toContain('too-large');
  });

  it('answers its own refusals (an unknown route, a missing key) as JSON no browser may read as HTML', async () => {
    const unknown = await fetch(`${runtime!.apiUrl}/no-such-route`, { headers: { 'x-api-key': runtime!.apiKey } });
    const keyless = await fetch(`${runtime!.apiUrl}/articles`);

    for (const response of [unknown, keyless]) {
      expect([response.status, response.headers.get('x-content-type-options')]).toEqual([expect.any(Number), 'nosniff']);
      expect(response.headers.get('x-newswatch')).toBe('1');
      expect(response.status).toBeGreaterThanOrEqual(400);
    }
  });

  it('reads no body at all as {} where every body field is optional, as curl -X POST without -d sends it', async () => {
    const poll = await api(runtime!, 'POST', '/feeds/poll');
    const digests = await api(runtime!, 'POST', '/digests');
    const subscribe = await api(runtime!, 'POST', '/subscriptions');

    expect([poll.status, poll.body]).toEqual([200, { results: [] }]);
    expect([digests.status, digests.body]).toEqual([200, { items: [] }]);
    expect([subscribe.status, subscribe.body.error.code]).toEqual([400, 'invalid_json']);
  });

  it('answers /articles/.. with the 400 naming id, and a path that would resolve to another route with 404, never the console or that route', async () => {
    const dots = await getAsWritten(runtime!, '/articles/..');
    const encodedDots = await getAsWritten(runtime!, '/articles/%2E%2e');
    const elsewhere = await getAsWritten(runtime!, '/subscriptions/../watchlist');

    expect([dots.status, dots.body.error?.details]).toEqual([
      400,
      [{ path: 'id', message: expect.stringContaining('must not be "." or ".."') }],
    ]);
    expect([encodedDots.status, encodedDots.body.error?.code]).toEqual([400, 'validation_failed']);
    expect([elsewhere.status, elsewhere.body.error?.code]).toEqual([404, 'not_found']);
  });

  it('answers malformed JSON with 400 invalid_json', async () => {
    const response = await api(runtime!, 'POST', '/articles', '{"body": "unterminated');

    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('invalid_json');
  });

  it('answers a wrongly typed field with 400 naming the field', async () => {
    const response = await api(runtime!, 'POST', '/articles', { body: 42 });

    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body.error.details)).toContain('body');
  });

  it("stores an article whose title holds a run of capitals thousands long: no story index key passes the table's key limit", async () => {
    // Nobody tracked in it: the article lists other tests here read stay as they were.
    const article = { id: 'long-capitals', title: `Report ${'X'.repeat(1_900)}`, body: `Figures: ${'9'.repeat(3_000)} of them.` };

    const response = await api(runtime!, 'POST', '/articles', article);

    expect(response.status).toBe(201);
    expect(response.body.storyId).toMatch(/^st_/);
  });

  it('answers an unknown field with 400 naming it', async () => {
    const response = await api(runtime!, 'POST', '/articles', { ...SEED_ARTICLE, autor: 'typo' });

    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body.error)).toContain('autor');
  });

  it('answers a body over the ingest limit with 413 from the handler', async () => {
    const response = await api(runtime!, 'POST', '/articles', { body: 'x'.repeat(2 * 1024 * 1024) });

    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('payload_too_large');
  });

  it('answers a body over the API Gateway limit with 413 before any handler runs', async () => {
    const response = await api(runtime!, 'POST', '/articles', Buffer.alloc(11 * 1024 * 1024, 'x'));

    expect(response.status).toBe(413);
    expect(response.body.error).toMatchObject({ code: 'payload_too_large', details: [{ path: '(root)' }] });
  });

  it('answers a declared length over the API Gateway limit at once, without waiting for the body, and closes the connection', async () => {
    // Prepare: headers that announce 11 MiB, then only a few bytes of it
    const { port } = new URL(runtime!.apiUrl);
    const socket = connect(Number(port), '127.0.0.1');
    const head = [
      'POST /articles HTTP/1.1',
      'host: 127.0.0.1',
      `x-api-key: ${runtime!.apiKey}`,
      'content-type: application/json',
      `content-length: ${11 * 1024 * 1024}`,
    ];

    // Act
    socket.write(`${head.join('\r\n')}\r\n\r\n{"body": "`);
    const answer = await new Promise<string>((resolve, reject) => {
      let text = '';
      socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
      setTimeout(() => reject(new Error(`no answer and no close within 5 s: ${text}`)), 5_000).unref();
    });

    // Assess
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer.toLowerCase()).toContain('connection: close');
    expect(answer).toContain('"code":"payload_too_large"');
  });

  it('answers a request without x-api-key with 401', async () => {
    const response = await fetch(`${runtime!.apiUrl}/watchlist`);

    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
  });

  it('answers an unknown key with 403', async () => {
    const response = await api(runtime!, 'GET', '/watchlist', undefined, { 'x-api-key': 'not-a-key-we-know-of-at-all' });

    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('forbidden');
  });

  it('answers an unknown route with 404 in the contract error shape', async () => {
    const response = await api(runtime!, 'GET', '/nope');

    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('not_found');
  });

  it('passes path and query parameters through like API Gateway', async () => {
    const response = await api(runtime!, 'GET', '/articles/does-not-exist');
    const query = await api(runtime!, 'GET', '/articles?person=viktor-bout&limit=5');

    expect(response.status).toBe(404);
    expect(query.status).toBe(200);
    expect(query.body.items).toEqual([]);
  });

  it('keeps one subscription when one queue is subscribed by several identical requests at once: one 201, the rest 200 with it', async () => {
    const queue = await createQueue(runtime!, 'subscribed-at-once');
    const request = { protocol: 'sqs', endpoint: queue.arn, people: ['viktor-bout'] };

    const answers = await Promise.all(Array.from({ length: 6 }, () => api(runtime!, 'POST', '/subscriptions', request)));
    const listed = await api(runtime!, 'GET', '/subscriptions');

    const created = answers.filter((a) => a.status === 201).map((a) => a.body.id);
    expect(created).toHaveLength(1);
    expect(answers.filter((a) => a.status === 200).map((a) => a.body.id)).toEqual(Array.from({ length: 5 }, () => created[0]));
    expect(listed.body.items.filter((s: { endpoint: string }) => s.endpoint === queue.arn).map((s: { id: string }) => s.id)).toEqual(
      created,
    );
  });

  it('answers a JSON body that is not UTF-8 with 400 invalid_json, storing nothing', async () => {
    const latin1 = Buffer.from(JSON.stringify({ id: 'latin1-article', body: 'Viktor Bout in Z\u00fcrich' }), 'latin1');

    const response = await api(runtime!, 'POST', '/articles', latin1);
    const stored = await api(runtime!, 'GET', '/articles/latin1-article');

    expect([response.status, response.body.error?.code]).toEqual([400, 'invalid_json']);
    expect(stored.status).toBe(404);
  });

  it('reads a JSON body that starts with a UTF-8 byte order mark', async () => {
    const response = await api(runtime!, 'POST', '/articles', `\uFEFF${JSON.stringify({ id: 'bom-article', body: 'Viktor Bout' })}`);

    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ id: 'bom-article', people: ['viktor-bout'] });
  });
});
