/** A client that goes away before its body arrived is no failure of the local HTTP API: nothing to log, nothing to answer. */
import { connect } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { type HttpApi, startHttpApi } from '../../functions/local/http/http-api';

const allowAll = {
  authorizer: async () => ({ isAuthorized: true, context: {} }),
  ingest: async () => ({ statusCode: 201, body: '{}' }),
  api: async () => ({ statusCode: 200, body: '{}' }),
};

describe('local HTTP API: a client gone mid-body', () => {
  let server: HttpApi | undefined;
  afterAll(() => server?.close());

  it('logs no failure when the client closes before its body is whole, and still answers the next request', async () => {
    // Prepare: a server whose warnings are collected
    const warnings: string[] = [];
    server = await startHttpApi({ port: 0, region: 'us-east-1', handlers: allowAll, warn: (message) => warnings.push(message) });

    // Act: half a body, then the connection dropped
    const socket = connect(server.port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write('POST /articles HTTP/1.1\r\nhost: 127.0.0.1\r\nx-api-key: k\r\ncontent-length: 1000\r\n\r\n{"body": "');
    await new Promise((resolve) => setTimeout(resolve, 100));
    socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const next = await fetch(`${server.url}/articles`, { method: 'POST', headers: { 'x-api-key': 'k' }, body: '{"body":"x"}' });

    // Assess
    expect(warnings).toEqual([]);
    expect(next.status).toBe(201);
  });
});
