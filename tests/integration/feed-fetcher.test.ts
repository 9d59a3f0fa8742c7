/**
 * The feed fetcher against a real local HTTP server: conditional GET, 429/503 with Retry-After,
 * redirects (followed, looping, leading to refused addresses), a 50 MB answer, a server that never
 * answers, and the address guard a deployment uses.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetcher, FetchError, MAX_REDIRECTS, USER_AGENT } from '../../functions/adapters/http-fetcher';
import { startFeedServer, type FeedServer } from './feed-server';

const ACCEPT = 'application/rss+xml';
/** Locally every address is allowed; the guard's own tests below switch it on. */
const local = createFetcher({ publicOnly: false, connectTimeoutMs: 2_000, totalTimeoutMs: 1_500, maxBytes: 5 * 1024 * 1024 });

async function fetchError(promise: Promise<unknown>): Promise<FetchError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FetchError);
  return error as FetchError;
}

describe('feed fetcher', () => {
  let server: FeedServer;
  beforeAll(async () => {
    server = await startFeedServer();
  });
  afterAll(() => server.close());

  it('sends a User-Agent naming newswatch and returns the body with its validators', async () => {
    const result = await local.get(server.url('/rss2.xml'), ACCEPT);

    expect(result.kind).toBe('ok');
    expect(result.kind === 'ok' && result.etag).toMatch(/^"/);
    expect(result.kind === 'ok' && result.lastModified).toBe('Tue, 02 Aug 2022 15:00:00 GMT');
    expect(server.requests.at(-1)?.userAgent).toBe(USER_AGENT);
    expect(USER_AGENT).toMatch(/^newswatch\//);
  });

  it('sends the saved ETag and Last-Modified and reports a 304 as not modified', async () => {
    const first = await local.get(server.url('/atom.xml'), ACCEPT);
    if (first.kind !== 'ok') throw new Error('first fetch failed');

    const second = await local.get(server.url('/atom.xml'), ACCEPT, { etag: first.etag, lastModified: first.lastModified });

    expect(second.kind).toBe('not_modified');
    expect(server.requests.at(-1)).toMatchObject({ ifNoneMatch: first.etag, ifModifiedSince: first.lastModified });
  });

  it('reports 429 and 503 with their Retry-After header', async () => {
    expect(await local.get(server.url('/busy'), ACCEPT)).toMatchObject({ kind: 'http_error', status: 429, retryAfter: '7200' });
    expect(await local.get(server.url('/unavailable'), ACCEPT)).toMatchObject({ kind: 'http_error', status: 503, retryAfter: '259200' });
  });

  it('follows a redirect to the feed', async () => {
    const result = await local.get(server.url('/moved'), ACCEPT);
    expect(result).toMatchObject({ kind: 'ok', url: server.url('/rss2.xml') });
  });

  it(`gives up on a redirect loop after ${MAX_REDIRECTS} redirects`, async () => {
    const before = server.requests.length;
    const error = await fetchError(local.get(server.url('/loop-a'), ACCEPT));
    expect(error.code).toBe('too_many_redirects');
    expect(server.requests.length - before).toBe(MAX_REDIRECTS + 1);
  });

  it('stops reading a 50 MB answer at the size cap', async () => {
    const error = await fetchError(local.get(server.url('/huge.xml'), ACCEPT));
    expect(error.code).toBe('too_large');
  });

  it('gives up on a server that never answers at the total timeout', async () => {
    const error = await fetchError(local.get(server.url('/never'), ACCEPT));
    expect(error.code).toBe('timeout');
  });

  it('asks a feed queued behind slow ones on its host once they are done, and judges it by its own answer', async () => {
    // Both of the host's places taken by servers that never answer; the third request waits its turn.
    const slow = [local.get(server.url('/never'), ACCEPT), local.get(server.url('/never'), ACCEPT)];
    const queued = local.get(server.url('/rss2.xml'), ACCEPT);

    const [first, second] = await Promise.all(slow.map(fetchError));
    const result = await queued;

    expect([first?.code, second?.code]).toEqual(['timeout', 'timeout']);
    expect(result.kind).toBe('ok');
  });

  it('gives up on a feed whose host stays busy past the wait allowed, without asking it', async () => {
    const impatient = createFetcher({ publicOnly: false, connectTimeoutMs: 2_000, totalTimeoutMs: 1_500, maxWaitMs: 200 });
    const slow = [impatient.get(server.url('/never'), ACCEPT), impatient.get(server.url('/never'), ACCEPT)];
    const asked = server.requests.length;

    const queued = await fetchError(impatient.get(server.url('/rss2.xml'), ACCEPT));
    await Promise.all(slow.map(fetchError));

    expect(queued.code).toBe('host_busy');
    expect(server.requests.slice(asked).map((r) => r.path)).not.toContain('/rss2.xml');
  });

  it('refuses a non-http URL without sending anything', async () => {
    expect((await fetchError(local.get('file:///etc/passwd', ACCEPT))).code).toBe('bad_url');
  });
});

describe('feed fetcher: the address guard (deployed)', () => {
  let server: FeedServer;
  beforeAll(async () => {
    server = await startFeedServer();
  });
  afterAll(() => server.close());

  const guarded = createFetcher({ publicOnly: true, totalTimeoutMs: 2_000 });

  it.each([
    'http://127.0.0.1:9/feed',
    'http://169.254.169.254/latest/meta-data/',
    'http://[::1]/feed',
    'http://10.0.0.1/feed',
    'http://[fd00::1]/',
  ])('refuses %s before connecting', async (url) => {
    expect((await fetchError(guarded.get(url, ACCEPT))).code).toBe('blocked_address');
  });

  it('refuses a host name that resolves to a loopback address', async () => {
    const before = server.requests.length;
    const port = new URL(server.url('/')).port;
    expect((await fetchError(guarded.get(`http://localhost:${port}/rss2.xml`, ACCEPT))).code).toBe('blocked_address');
    expect(server.requests.length).toBe(before);
  });

  // Only 127.0.0.1 is allowed here (standing in for a public server), so each redirect must be re-checked.
  const onlyOurServer = createFetcher({ publicOnly: true, addressAllowed: (a) => a === '127.0.0.1', totalTimeoutMs: 2_000 });

  it('re-checks every redirect: a public feed redirecting to the metadata endpoint is refused', async () => {
    expect((await onlyOurServer.get(server.url('/moved'), ACCEPT)).kind).toBe('ok');
    expect((await fetchError(onlyOurServer.get(server.url('/to-metadata'), ACCEPT))).code).toBe('blocked_address');
    expect((await fetchError(onlyOurServer.get(server.url('/to-ipv6-loopback'), ACCEPT))).code).toBe('blocked_address');
  });
});
