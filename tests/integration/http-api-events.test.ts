/**
 * The local HTTP API builds the events API Gateway (HTTP API, payload 2.0) would, for the authorizer
 * and for the integration. Driven with small recording handlers so every field is visible.
 */
import type { APIGatewayProxyEventV2, APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
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
