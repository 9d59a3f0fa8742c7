/**
 * `newswatch smoke` against a real local runtime: it passes, it leaves nothing behind, its test
 * article is in no list, and a subscriber who follows every alert never receives its alert (while
 * still receiving a real one).
 */
import { ListQueuesCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../../functions/cli/support/http-client';
import { formatReport, passed, type SmokeReport } from '../../functions/cli/smoke/report';
import { runSmoke } from '../../functions/cli/smoke/run-smoke';
import { smokeQueues } from '../../functions/cli/smoke/smoke-queue';
import { smokeTarget } from '../../functions/cli/smoke/target';
import { smokeIdentity, type SmokeIdentity } from '../../functions/cli/smoke/test-article';
import {
  alertOf,
  api,
  createQueue,
  drainQueue,
  receiveAtLeast,
  SEED_ARTICLE,
  startTestRuntime,
  stopTestRuntime,
  type TestRuntime,
} from './helpers';

describe('newswatch smoke against the local runtime', () => {
  let runtime: TestRuntime | undefined;
  let everything: { url: string; arn: string };
  let identity: SmokeIdentity;
  let report: SmokeReport;

  beforeAll(async () => {
    runtime = await startTestRuntime();
    everything = await createQueue(runtime, 'follows-everything');
    expect((await api(runtime, 'POST', '/subscriptions', { protocol: 'sqs', endpoint: everything.arn })).status).toBe(201);
    identity = smokeIdentity();
    const connection = {
      url: runtime.apiUrl,
      apiKey: runtime.apiKey,
      runtime: { apiUrl: runtime.apiUrl, sqsEndpoint: runtime.sqsEndpoint, region: runtime.region },
    };
    report = await runSmoke({
      api: createApiClient({ baseUrl: runtime.apiUrl, apiKey: runtime.apiKey }),
      queues: await smokeQueues(smokeTarget(connection, {}, {})),
      identity,
      target: runtime.apiUrl,
      timeoutMs: 30_000,
    });
  });

  afterAll(() => stopTestRuntime(runtime));

  it('passes every step and measures ingest-to-alert latency', () => {
    expect(passed(report), formatReport(report)).toBe(true);
    expect(report.measures['ingest-to-alert latency']).toMatch(/^\d+ ms$/);
  });

  it('removes its watchlist person, its subscription and its queue', async () => {
    const watchlist = await api(runtime!, 'GET', '/watchlist');
    const subscriptions = await api(runtime!, 'GET', '/subscriptions');
    const queues = await runtime!.sqs.send(new ListQueuesCommand({}));

    expect(watchlist.body.people.map((p: { id: string }) => p.id)).not.toContain(identity.person.id);
    expect(subscriptions.body.items.map((s: { endpoint: string }) => s.endpoint)).toEqual([everything.arn]);
    expect((queues.QueueUrls ?? []).filter((u) => u.includes(identity.queueName))).toEqual([]);
  });

  it('keeps its test article readable by id, marked test, expiring within a day, and out of the article and story lists', async () => {
    const id = `newswatch-smoke-${identity.run}-1`;
    const stored = await api(runtime!, 'GET', `/articles/${id}`);
    // Re-add the person for a moment: even then the article is not in their list.
    await api(runtime!, 'PUT', `/watchlist/people/${identity.person.id}`, { name: identity.person.name });
    const listed = await api(runtime!, 'GET', `/articles?person=${identity.person.id}`);
    const stories = await api(runtime!, 'GET', `/stories?person=${identity.person.id}`);
    await api(runtime!, 'DELETE', `/watchlist/people/${identity.person.id}`);

    expect(stored.body).toMatchObject({ id, test: true });
    expect(stored.body.expiresAt - Date.now() / 1000).toBeLessThanOrEqual(86_400);
    expect(listed.body.items).toEqual([]);
    expect(stories.body.items).toEqual([]);
  });

  it('leaves its alert out of what was sent (GET /alerts) unless test alerts are asked for', async () => {
    const id = `newswatch-smoke-${identity.run}-1`;
    const byDefault = await api(runtime!, 'GET', '/alerts');
    const withTests = await api(runtime!, 'GET', '/alerts?test=true');

    expect(byDefault.body.items.flatMap((a: { articleIds: string[] }) => a.articleIds)).not.toContain(id);
    expect(withTests.body.items).toContainEqual(expect.objectContaining({ articleIds: [id], test: true }));
  });

  it('never reaches a subscriber who follows every alert, who still gets real alerts', async () => {
    const posted = await api(runtime!, 'POST', '/articles', SEED_ARTICLE);
    const messages = await receiveAtLeast(runtime!, everything.url, 1);
    messages.push(...(await drainQueue(runtime!, everything.url)));

    expect(messages.map((m) => alertOf(m).alert.articleId)).toEqual([posted.body.id]);
  });
});
