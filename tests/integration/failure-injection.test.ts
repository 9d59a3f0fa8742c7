/**
 * Failure handling end to end: while the SNS stand-in rejects publishes, stream records are retried
 * and every alert arrives once it recovers; a record the dispatcher can never handle goes to the
 * dead-letter queue at once (not after its retries), and the records behind it still flow; an
 * article naming someone 1,000 times gets an alert that fits SNS's limit.
 */
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  alertOf,
  api,
  createQueue,
  drainQueue,
  receiveAtLeast,
  startTestRuntime,
  stopTestRuntime,
  type TestRuntime,
  waitFor,
} from './helpers';
import { localDynamoClient } from '../support/local-dynamo';

const article = (n: number, label: string) => ({
  title: `Lawyers for Viktor Bout file motion ${label} ${n}`,
  body: `Viktor Bout, the Russian arms dealer serving a 25-year sentence, asked the court again (${label} ${n}).`,
  url: `https://example.com/${label}/${n}`,
  publishedAt: `2024-01-0${(n % 9) + 1}T10:00:00Z`,
});

/** SNS envelope timestamps have millisecond precision from the same clock; allow rounding only. */
const CLOCK_SLACK_MS = 5;
const REFUSALS_BEFORE_RECOVERY = 3;

describe('local runtime under failure', () => {
  let runtime: TestRuntime | undefined;
  let queue: { url: string; arn: string };

  beforeAll(async () => {
    // Fast retries so the test runs in seconds; the shape (bisect, bounded retries, DLQ) is the CDK's.
    runtime = await startTestRuntime({ delivery: { maxRetries: 12, backoffBaseMs: 50, backoffMaxMs: 400 } });
    queue = await createQueue(runtime, 'failures-bout');
    const subscribed = await api(runtime, 'POST', '/subscriptions', { protocol: 'sqs', endpoint: queue.arn, people: ['viktor-bout'] });
    expect(subscribed.status).toBe(201);
  });

  afterAll(() => stopTestRuntime(runtime));

  it('delivers every alert exactly once after the SNS stand-in recovers from rejecting publishes', async () => {
    // The outage lasts until publishes were refused a few times (however slow the machine), then ends.
    runtime!.faults.rejectPublishesUntil = Number.POSITIVE_INFINITY;
    const pushed = await Promise.all([1, 2, 3, 4, 5].map((n) => api(runtime!, 'POST', '/articles', article(n, 'outage'))));
    expect(pushed.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    await waitFor(
      async () => runtime!.faults.rejectedPublishes,
      (n) => n >= REFUSALS_BEFORE_RECOVERY,
      20_000,
      'refused publishes',
    );
    const outageEnds = Date.now();
    runtime!.faults.rejectPublishesUntil = outageEnds;

    const received = await receiveAtLeast(runtime!, queue.url, 5, 20_000);
    await runtime!.streamIdle();
    received.push(...(await drainQueue(runtime!, queue.url)));

    const alerted = received.map((m) => alertOf(m).alert.articleId).sort();
    expect(alerted).toEqual(pushed.map((r) => r.body.id).sort());
    // Every alert went out only after the outage ended.
    const publishedAt = received.map((m) => Date.parse(alertOf(m).envelope.Timestamp));
    expect(Math.min(...publishedAt)).toBeGreaterThanOrEqual(outageEnds - CLOCK_SLACK_MS);
    expect(await drainQueue(runtime!, runtime!.deadLetterQueueUrl)).toHaveLength(0);
  });

  it('sends a poison record to the dead-letter queue at once and still alerts for the articles behind it', async () => {
    const dynamodb = localDynamoClient(runtime!.dynamodbEndpoint, runtime!.region);
    // Looks like a new matched article to the stream filter, but is not one the dispatcher can read.
    await dynamodb.send(
      new PutItemCommand({
        TableName: runtime!.tableName,
        Item: { pk: { S: 'ART#poison' }, sk: { S: 'A' }, kind: { S: 'article' }, matched: { BOOL: true }, id: { S: 'poison' } },
      }),
    );
    dynamodb.destroy();
    const pushed = await Promise.all([1, 2].map((n) => api(runtime!, 'POST', '/articles', article(n, 'after-poison'))));

    const dead = await receiveAtLeast(runtime!, runtime!.deadLetterQueueUrl, 1, 20_000);
    const alerts = await receiveAtLeast(runtime!, queue.url, 2, 20_000);

    // The dispatcher's own letter (Lambda's on-failure record would mean the retry budget was spent).
    const failure = JSON.parse(dead[0]!.Body!);
    expect(dead).toHaveLength(1);
    expect(failure).toMatchObject({ kind: 'newswatch-alert-failure', articleId: 'poison', reason: expect.stringContaining('malformed') });
    expect(alerts.map((m) => alertOf(m).alert.articleId).sort()).toEqual(pushed.map((r) => r.body.id).sort());
  });

  it('alerts for an article naming a person 1,000 times, and for the ordinary articles pushed with it', async () => {
    const sentence = (i: number) => `Viktor Bout was named again in filing ${i} of the long list. `;
    const dense = { ...article(0, 'dense'), body: Array.from({ length: 1_000 }, (_, i) => sentence(i)).join('') };
    const pushed = await Promise.all(
      [dense, ...[1, 2, 3].map((n) => article(n, 'beside-dense'))].map((a) => api(runtime!, 'POST', '/articles', a)),
    );
    expect(pushed.map((r) => r.status)).toEqual([201, 201, 201, 201]);

    const alerts = await receiveAtLeast(runtime!, queue.url, 4, 20_000);

    const byId = new Map(alerts.map((m) => [alertOf(m).alert.articleId, alertOf(m).alert]));
    expect([...byId.keys()].sort()).toEqual(pushed.map((r) => r.body.id).sort());
    const denseAlert = byId.get(pushed[0]!.body.id);
    // 1,000 in the body and one in the title.
    expect(denseAlert.evidenceCounts).toContainEqual({ kind: 'person', id: 'viktor-bout', total: 1_001, shown: 3 });
    expect(await drainQueue(runtime!, runtime!.deadLetterQueueUrl)).toHaveLength(0);
  });
});
