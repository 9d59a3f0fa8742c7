/** The local authorizer cache is keyed by what clients send, so a flood of random keys must not grow it without bound. */
import { afterAll, describe, expect, it } from 'vitest';
import { AUTHORIZER_CACHE_ENTRIES, type HttpApi, startHttpApi } from '../../functions/local/http/http-api';

const refuseAll = {
  authorizer: async () => ({ isAuthorized: false, context: {} }),
  ingest: async () => ({ statusCode: 500 }),
  api: async () => ({ statusCode: 500 }),
};

describe('local authorizer cache', () => {
  let server: HttpApi | undefined;
  afterAll(() => server?.close());

  it('stays within its bound under a flood of random wrong keys, and still refuses every one', async () => {
    server = await startHttpApi({ port: 0, region: 'us-east-1', handlers: refuseAll });
    const flood = AUTHORIZER_CACHE_ENTRIES + 500;

    const statuses = new Set<number>();
    for (let sent = 0; sent < flood; sent += 50) {
      const batch = Array.from({ length: 50 }, (_, i) =>
        fetch(`${server!.url}/watchlist`, { headers: { 'x-api-key': `wrong-${sent + i}-${'k'.repeat(2_000)}` } }).then((r) =>
          statuses.add(r.status),
        ),
      );
      await Promise.all(batch);
    }

    expect([...statuses]).toEqual([403]);
    expect(server.authorizerCacheSize()).toBe(AUTHORIZER_CACHE_ENTRIES);
  });
});
