/**
 * The local HTTP API builds the events API Gateway (HTTP API, payload 2.0) would, for the authorizer
 * and for the integration. Driven with small recording handlers so every field is visible.
 */
import { connect } from 'node:net';
import type { APIGatewayProxyEventV2, APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConsoleFile } from '../../console/build';
import { consoleSite } from '../../functions/local/http/console-files';
import { startHttpApi, type HttpApi } from '../../functions/local/http/http-api';

function recorder(options: { allow?: boolean } = {}) {
  const authorizerEvents: APIGatewayRequestAuthorizerEventV2[] = [];
  const events: APIGatewayProxyEventV2[] = [];
  const handlers = {
    authorizer: async (event: APIGatewayRequestAuthorizerEventV2) => {
      authorizerEvents.push(event);
      return { isAuthorized: options.allow ?? true, context: { keyId: 'k1', scopes: 'admin' } };
    },
    ingest: async (event: APIGatewayProxyEventV2) => {
      events.push(event);
      return { statusCode: 201, headers: { 'Content-Type': 'application/json' }, body: '{"ok":true}' };
    },
    api: async (event: APIGatewayProxyEventV2) => {
      events.push(event);
      return {
        statusCode: 200,
        body: Buffer.from('binary!').toString('base64'),
        isBase64Encoded: true,
        headers: { 'content-type': 'application/octet-stream' },
      };
    },
  };
  return { authorizerEvents, events, handlers };
}

/**
 * Sends `request` as bytes on a socket of its own (no client resolves dot segments or refuses a long
 * URL) and reads until the server closes it: what a client sees, and when it saw the end.
 */
function rawExchange(
  url: string,
  request: string | Buffer,
): Promise<{ status: number; headers: Record<string, string>; body: string; closedAfterMs: number }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      const [statusLine = '', ...lines] = text.slice(0, split).split('\r\n');
      const headers = Object.fromEntries(
        lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
      );
      const raw = text.slice(split + 4);
      const body = headers['transfer-encoding'] === 'chunked' ? unchunked(raw) : raw;
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body, closedAfterMs: Date.now() - started });
    });
    socket.write(request);
  });
}

/** A chunked body's data (sizes in hex, each chunk followed by CRLF, a last chunk of size 0). */
function unchunked(raw: string): string {
  let body = '';
  let at = 0;
  for (;;) {
    const lineEnd = raw.indexOf('\r\n', at);
    const size = Number.parseInt(raw.slice(at, lineEnd), 16);
    if (!(size > 0)) return body;
    body += raw.slice(lineEnd + 2, lineEnd + 2 + size);
    at = lineEnd + 2 + size + 2;
  }
}

const get = (path: string, headers = 'x-api-key: k\r\n') => `GET ${path} HTTP/1.1\r\nhost: local\r\n${headers}connection: close\r\n\r\n`;

describe('local HTTP API: API Gateway payload 2.0 events', () => {
  let server: HttpApi | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('passes method, route key, path parameters, query and lower-cased headers to the integration', async () => {
    const { events, handlers } = recorder();
    server = await startHttpApi({ port: 0, region: 'eu-west-1', handlers });

    const response = await fetch(`${server.url}/articles/abc%20def?person=viktor-bout&person=x&limit=5`, {
      headers: { 'X-Api-Key': 'secret-key', 'X-Custom': 'A' },
    });

    const event = events[0]!;
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).toString()).toBe('binary!');
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'GET /articles/{id}',
      rawPath: '/articles/abc%20def',
      rawQueryString: 'person=viktor-bout&person=x&limit=5',
      queryStringParameters: { person: 'viktor-bout,x', limit: '5' },
      pathParameters: { id: 'abc def' },
      headers: { 'x-api-key': 'secret-key', 'x-custom': 'A' },
      isBase64Encoded: false,
      requestContext: {
        http: { method: 'GET', path: '/articles/abc%20def', sourceIp: '127.0.0.1' },
        routeKey: 'GET /articles/{id}',
        stage: '$default',
      },
    });
    expect(event.requestContext.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect((event.requestContext as unknown as { authorizer: unknown }).authorizer).toEqual({ lambda: { keyId: 'k1', scopes: 'admin' } });
  });

  it('passes a __proto__ query parameter on as a parameter of its own, as API Gateway does, for the handler to refuse', async () => {
    const { events, handlers } = recorder();
    server = await startHttpApi({ port: 0, region: 'eu-west-1', handlers });

    await fetch(`${server.url}/articles?person=viktor-bout&__proto__=1&%5F%5Fproto%5F%5F=2`, { headers: { 'X-Api-Key': 'secret-key' } });

    const query = events[0]!.queryStringParameters!;
    expect(Object.keys(query).sort()).toEqual(['__proto__', 'person']);
    expect(Object.getOwnPropertyDescriptor(query, '__proto__')?.value).toBe('1,2');
  });

  it('calls the authorizer with identity sources [key, route key] and a route ARN, and caches its answer per key and route', async () => {
    const { authorizerEvents, handlers } = recorder();
    server = await startHttpApi({ port: 0, region: 'eu-west-1', handlers });

    for (let i = 0; i < 3; i++)
      await fetch(`${server.url}/articles`, {
        method: 'POST',
        headers: { 'x-api-key': 'key-1', 'content-type': 'application/json' },
        body: '{}',
      });
    await fetch(`${server.url}/articles`, {
      method: 'POST',
      headers: { 'x-api-key': 'key-2', 'content-type': 'application/json' },
      body: '{}',
    });

    expect(authorizerEvents).toHaveLength(2);
    expect(authorizerEvents[0]).toMatchObject({
      type: 'REQUEST',
      identitySource: ['key-1', 'POST /articles'],
      routeArn: 'arn:aws:execute-api:eu-west-1:000000000000:local/$default/POST/articles',
      routeKey: 'POST /articles',
    });
  });

  it('base64-encodes a non-text body and passes a JSON body as text', async () => {
    const { events, handlers } = recorder();
    server = await startHttpApi({ port: 0, region: 'us-east-1', handlers });

    await fetch(`${server.url}/articles`, {
      method: 'POST',
      headers: { 'x-api-key': 'k', 'content-type': 'application/octet-stream' },
      body: Buffer.from([0xff, 0x00]),
    });
    await fetch(`${server.url}/articles`, {
      method: 'POST',
      headers: { 'x-api-key': 'k', 'content-type': 'application/json' },
      body: '{"body":"é"}',
    });

    expect(events[0]).toMatchObject({ body: '/wA=', isBase64Encoded: true });
    expect(events[1]).toMatchObject({ body: '{"body":"é"}', isBase64Encoded: false });
  });

  it('routes a path that starts with two slashes as that path (404), not as a URL whose host is its first segment', async () => {
    const { events, handlers } = recorder();
    server = await startHttpApi({ port: 0, region: 'us-east-1', handlers });

    const response = await fetch(`${server.url}//articles/watchlist`, { headers: { 'x-api-key': 'k' } });

    expect(response.status).toBe(404);
    expect(events).toHaveLength(0);
  });

  it('answers 403 without calling the integration when the authorizer says no', async () => {
    const { events, handlers } = recorder({ allow: false });
    server = await startHttpApi({ port: 0, region: 'us-east-1', handlers });

    const response = await fetch(`${server.url}/watchlist`, { headers: { 'x-api-key': 'k' } });

    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: 'forbidden' } });
    expect(events).toHaveLength(0);
  });

  it('answers 500 in the contract shape when a handler throws, and keeps serving', async () => {
    const { handlers } = recorder();
    server = await startHttpApi({
      port: 0,
      region: 'us-east-1',
      handlers: { ...handlers, ingest: async () => Promise.reject(new Error('boom')) },
    });

    const failed = await fetch(`${server.url}/articles`, { method: 'POST', headers: { 'x-api-key': 'k' }, body: '{}' });
    const next = await fetch(`${server.url}/watchlist`, { headers: { 'x-api-key': 'k' } });

    expect(failed.status).toBe(500);
    expect(await failed.json()).toMatchObject({ error: { code: 'internal_error' } });
    expect(next.status).toBe(200);
  });
});

describe('local HTTP API: paths are routed as sent', () => {
  let server: HttpApi | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  const file = (path: string, body: string): ConsoleFile => ({ path, contentType: 'text/plain', body: Buffer.from(body) });
  const site = consoleSite(async () => [file('/index.html', 'the console page'), file('/console.js', 'the console script')]);

  it('routes a "." or ".." segment as a segment: /articles/.. is GET /articles/{id} with id "..", never the console at /', async () => {
    const { events, handlers } = recorder();
    server = await startHttpApi({ port: 0, region: 'us-east-1', handlers, site });

    for (const path of ['/articles/..', '/articles/.', '/articles/%2e%2E']) await rawExchange(server.url, get(path));

    expect(events.map((e) => [e.routeKey, e.rawPath, e.pathParameters?.id])).toEqual([
      ['GET /articles/{id}', '/articles/..', '..'],
      ['GET /articles/{id}', '/articles/.', '.'],
      ['GET /articles/{id}', '/articles/%2e%2E', '..'],
    ]);
  });

  it.each([
    '/subscriptions/../x',
    '/foo/../watchlist',
    '/foo/%2e%2e/watchlist',
    '/watchlist/./',
    '/./watchlist',
    '/foo\\..\\watchlist',
    '/./console.js',
    '/console.js/..',
    '/watchlist%2F',
    '/%2Fwatchlist',
  ])(
    'answers %s with 404 not_found: dot segments, backslashes and encoded slashes reach no other route and no console file',
    async (path) => {
      const { events, handlers } = recorder();
      server = await startHttpApi({ port: 0, region: 'us-east-1', handlers, site });

      const response = await rawExchange(server.url, get(path));

      expect([response.status, JSON.parse(response.body)]).toEqual([404, { error: { code: 'not_found', message: expect.any(String) } }]);
      expect(response.headers['x-newswatch']).toBe('1');
      expect(events).toHaveLength(0);
    },
  );

  it("still serves the console's own paths, and an id with an encoded slash, characters past ASCII or quotes as that id", async () => {
    const { events, handlers } = recorder();
    server = await startHttpApi({ port: 0, region: 'us-east-1', handlers, site });

    const page = await rawExchange(server.url, get('/'));
    const script = await rawExchange(server.url, get('/console.js'));
    await rawExchange(server.url, get('/articles/https%3A%2F%2Fexample.org%2Fa'));
    await rawExchange(server.url, get('/articles/%E2%9C%93%20caf%C3%A9'));
    await rawExchange(server.url, get('/articles/"a"<b>{c}'));

    expect([page.status, page.body, script.status, script.body]).toEqual([200, 'the console page', 200, 'the console script']);
    expect(events.map((e) => [e.rawPath, e.pathParameters?.id])).toEqual([
      ['/articles/https%3A%2F%2Fexample.org%2Fa', 'https://example.org/a'],
      ['/articles/%E2%9C%93%20caf%C3%A9', '✓ café'],
      ['/articles/%22a%22%3Cb%3E%7Bc%7D', '"a"<b>{c}'],
    ]);
  });
});

describe('local HTTP API: requests the HTTP parser refuses', () => {
  let server: HttpApi | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('answers a URL past the header limit with 431 and a JSON body naming the limit, closes the socket and keeps serving', async () => {
    const { events, handlers } = recorder();
    server = await startHttpApi({ port: 0, region: 'us-east-1', handlers });

    const response = await rawExchange(server.url, get(`/articles?x=${'a'.repeat(20_000)}`));
    const reachedHandler = events.length;
    const next = await fetch(`${server.url}/watchlist`, { headers: { 'x-api-key': 'k' } });

    expect(response.status).toBe(431);
    expect(JSON.parse(response.body)).toEqual({
      error: { code: 'request_headers_too_large', message: expect.stringContaining('(limit 16384 bytes') },
    });
    expect(response.headers).toMatchObject({
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(response.body)),
      'x-content-type-options': 'nosniff',
      'x-newswatch': '1',
      connection: 'close',
    });
    expect(reachedHandler).toBe(0);
    expect(next.status).toBe(200);
  });

  it('answers headers past the limit with 431 even when the client sends far more than the limit (the answer is not lost to a reset)', async () => {
    const { handlers } = recorder();
    server = await startHttpApi({ port: 0, region: 'us-east-1', handlers });

    const response = await rawExchange(server.url, get('/watchlist', `x-api-key: k\r\nx-filler: ${'b'.repeat(4 * 1024 * 1024)}\r\n`));

    expect([response.status, JSON.parse(response.body).error.code]).toEqual([431, 'request_headers_too_large']);
  });

  it.each([
    ['a request line that is no HTTP', 'GARBAGE\r\n\r\n', 'does not start with an HTTP method'],
    ['a space in the URL', 'GET /arti cles HTTP/1.1\r\nhost: local\r\n\r\n', 'its URL holds a space'],
    ['spaces in the query', 'GET /articles?q=a b c HTTP/1.1\r\nhost: local\r\n\r\n', 'its URL holds a space'],
    ['a space in the URL of a request line without its version', 'GET /arti cles\r\nhost: local\r\n\r\n', 'HTTP version'],
    ['a header name with a space', 'GET /watchlist HTTP/1.1\r\nhost: local\r\nx api: k\r\n\r\n', 'header name or value'],
    [
      'two content-lengths',
      'POST /articles HTTP/1.1\r\nhost: local\r\ncontent-length: 1\r\ncontent-length: 2\r\n\r\n{}',
      'content-length header is given twice',
    ],
    [
      'a content-length beside transfer-encoding',
      'POST /articles HTTP/1.1\r\nhost: local\r\ntransfer-encoding: chunked\r\ncontent-length: 3\r\n\r\n0\r\n\r\n',
      'comes with a transfer-encoding header',
    ],
    ['a content-length that is no number', 'POST /articles HTTP/1.1\r\nhost: local\r\ncontent-length: x\r\n\r\n', 'is not a number'],
  ])('answers %s with 400 malformed_request naming the problem, in JSON, and closes the socket', async (_, request, problem) => {
    const { events, handlers } = recorder();
    server = await startHttpApi({ port: 0, region: 'us-east-1', handlers });

    const response = await rawExchange(server.url, request);

    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toEqual({ error: { code: 'malformed_request', message: expect.stringContaining(problem) } });
    expect(response.headers.connection).toBe('close');
    expect(events).toHaveLength(0);
  });

  it('closes a refused connection whose client keeps sending, within a couple of seconds', async () => {
    const { handlers } = recorder();
    server = await startHttpApi({ port: 0, region: 'us-east-1', handlers });
    const { port } = new URL(server.url);

    const closed = await new Promise<{ answer: string; afterMs: number }>((resolve, reject) => {
      const started = Date.now();
      // A half-open client: the server's end of writing does not end its sending.
      const socket = connect({ port: Number(port), host: '127.0.0.1', allowHalfOpen: true });
      let answer = '';
      const feed = setInterval(() => socket.write('a'.repeat(1_000)), 20);
      socket.on('data', (chunk) => {
        answer += chunk.toString();
      });
      socket.on('error', () => undefined);
      socket.on('close', () => {
        clearInterval(feed);
        resolve({ answer, afterMs: Date.now() - started });
      });
      socket.on('connect', () => socket.write(`GET /watchlist?x=${'a'.repeat(20_000)}`));
      setTimeout(() => {
        socket.destroy();
        reject(new Error('the server never closed the connection'));
      }, 10_000).unref();
    });

    expect(closed.answer).toMatch(/^HTTP\/1\.1 431 /);
    expect(closed.afterMs).toBeLessThan(5_000);
  });
});
