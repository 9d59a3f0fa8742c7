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

  it('answers a body sent without content-length 413 as soon as it passes the limit, before the client has sent the rest', async () => {
    const small = await startHttpApi({ port: 0, region: 'us-east-1', handlers: allowAll, maxBodyBytes: 1_000 });
    try {
      const socket = connect(small.port, '127.0.0.1');
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      const answer = new Promise<string>((resolve) => {
        let text = '';
        socket.on('data', (chunk: Buffer) => {
          text += chunk.toString('utf8');
          if (text.includes('\r\n\r\n')) resolve(text);
        });
      });

      // 2,000 bytes in one chunk of a chunked body that never ends
      socket.write('POST /articles HTTP/1.1\r\nhost: 127.0.0.1\r\nx-api-key: k\r\ntransfer-encoding: chunked\r\n\r\n');
      socket.write(`7d0\r\n${'x'.repeat(2_000)}\r\n`);

      await expect(answer).resolves.toMatch(/^HTTP\/1\.1 413 /);
      socket.destroy();
    } finally {
      await small.close();
    }
  });
});
