/**
 * Bad input never gets a 5xx, and no error body quotes the client's input: the cases an attacker
 * found first (bad %-escapes in ids, ids past DynamoDB's key limits, a cursor older than `since`, a
 * term group named `constructor`), then hostile requests generated over every route of the route
 * table (tests/fuzz/route-fuzzer.ts; `npm run test:chaos` sends 10,000).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleListing, encodeCursor } from '../../functions/core/article-query';
import { routes } from '../../functions/core/routes';
import { ECHO_MARKER, FUZZ_QUEUE_ARN, FUZZ_QUEUE_NAME, fuzzRequests, runFuzz } from '../fuzz/route-fuzzer';
import { api, createQueue, startTestRuntime, stopTestRuntime, type TestRuntime } from './helpers';

const FUZZ_REQUESTS = 400;
const FUZZ_SEED = 20_261_129;

describe('bad input', () => {
  let runtime: TestRuntime | undefined;
  let fuzzQueueArn: string | undefined;
  beforeAll(async () => {
    runtime = await startTestRuntime();
    fuzzQueueArn = (await createQueue(runtime, FUZZ_QUEUE_NAME)).arn;
  });
  afterAll(() => stopTestRuntime(runtime));

  /** A cursor of `GET /articles?person=viktor-bout` at `sortKey`, made as the API makes them. */
  const cursorAt = (sortKey: string) => encodeCursor(sortKey, articleListing('articles', { kind: 'person', id: 'viktor-bout' }));

  it.each([
    ['a bad %-escape in an article id', 'GET', `/articles/${ECHO_MARKER}%E0%A4%A`, 400],
    ['a bad %-escape in a watchlist id', 'DELETE', `/watchlist/topics/${ECHO_MARKER}%zz`, 400],
    ['an article id longer than any stored one', 'GET', `/articles/${ECHO_MARKER}${'a'.repeat(3_000)}`, 400],
    ['a subscription id longer than DynamoDB allows in a key', 'DELETE', `/subscriptions/${ECHO_MARKER}${'s'.repeat(3_000)}`, 400],
    ['a control character in an id', 'GET', `/articles/${ECHO_MARKER}%00`, 400],
    ['a story id of the wrong shape', 'GET', `/stories/${ECHO_MARKER}`, 400],
    [
      'a cursor holding a key far too long',
      'GET',
      `/articles?person=viktor-bout&cursor=${cursorAt(`${ECHO_MARKER}${'k'.repeat(2_000)}`)}`,
      400,
    ],
    ['an id that is not on the watchlist', 'DELETE', '/watchlist/people/nobody-here', 404],
  ])('answers %s with a 4xx that does not quote it', async (_what, method, path, status) => {
    const response = await api(runtime!, method, path);

    expect(response.status).toBe(status);
    expect(JSON.stringify(response.body)).not.toContain(ECHO_MARKER);
    expect(response.body.error.code).toMatch(/^[a-z_]+$/);
  });

  it('answers a cursor older than since with an empty page, not a 5xx (no key range that ends before it starts is asked for)', async () => {
    const response = await api(
      runtime!,
      'GET',
      `/articles?person=viktor-bout&since=2024-01-01&cursor=${cursorAt('2000-01-01T00:00:00.000Z#a')}`,
    );

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ items: [] });
  });

  it('answers invalid JSON with a 400 that does not quote the body', async () => {
    const response = await api(runtime!, 'POST', '/subscriptions', `{"${ECHO_MARKER}":}`);

    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('invalid_json');
    expect(JSON.stringify(response.body)).not.toContain(ECHO_MARKER);
  });

  it('refuses, with a 400 naming the field, a term group named like an Object.prototype member', async () => {
    const topic = { terms: { constructor: ['swap deal'] }, rules: [{ all: ['constructor'], weight: 0.6 }] };

    const put = await api(runtime!, 'PUT', '/watchlist/topics/prototype-words', topic);

    expect(put.status).toBe(400);
    expect(put.body.error.details).toContainEqual(expect.objectContaining({ path: 'terms.constructor' }));
  });

  it(`answers ${FUZZ_REQUESTS} generated hostile requests over every route without a 5xx or an echo`, async () => {
    const report = await runFuzz(runtime!.apiUrl, runtime!.apiKey, fuzzRequests(FUZZ_REQUESTS, FUZZ_SEED));

    expect(report.routes).toBe(routes.length);
    expect(report.serverErrors).toEqual([]);
    expect(report.echoes).toEqual([]);
    expect(report.sent).toBe(FUZZ_REQUESTS);
    // The subscription template names a queue that exists, so its success path is fuzzed too.
    expect(fuzzQueueArn).toBe(FUZZ_QUEUE_ARN);
    expect(report.accepted['POST /subscriptions']).toBeGreaterThan(0);
  });
});
