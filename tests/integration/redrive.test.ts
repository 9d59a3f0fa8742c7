/**
 * `alerts redrive` and the completeness sweeper against the real local runtime: an alert that ended in
 * the stream dead-letter queue (SNS refused it until the retries ran out) is published once after a
 * redrive, and the queue is empty afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redriveDeadLetters } from '../../functions/cli/operator/redrive';
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
import { queueDepth } from '../../functions/local/runtime';

const article = {
  title: 'Viktor Bout hearing postponed',
  body: 'Viktor Bout will have to wait: the hearing was postponed again.',
  url: 'https://example.com/redrive/1',
};

describe('alerts redrive', () => {
  let runtime: TestRuntime | undefined;
  let queue: { url: string; arn: string };

  beforeAll(async () => {
    // No retries: the record goes to the dead-letter queue on its first failure.
    runtime = await startTestRuntime({ delivery: { maxRetries: 0 }, sweep: { intervalMs: 3_600_000, minAgeMs: 60_000 } });
    queue = await createQueue(runtime, 'redrive-bout');
    expect((await api(runtime, 'POST', '/subscriptions', { protocol: 'sqs', endpoint: queue.arn, people: ['viktor-bout'] })).status).toBe(
      201,
    );
  });
  afterAll(() => stopTestRuntime(runtime));

  it('publishes a dead-lettered alert once after a redrive and empties the queue', async () => {
    runtime!.faults.rejectPublishesUntil = Date.now() + 60_000;
    const posted = await api(runtime!, 'POST', '/articles', article);
    await waitFor(
      () => queueDepth(runtime!.sqs, runtime!.deadLetterQueueUrl),
      (n) => n === 1,
      20_000,
      'the dead letter',
    );
    runtime!.faults.rejectPublishesUntil = 0;

    const report = await redriveDeadLetters({
      table: { tableName: runtime!.tableName, region: runtime!.region, endpoint: runtime!.dynamodbEndpoint, dummyCredentials: true },
      queueUrl: runtime!.deadLetterQueueUrl,
      queue: { endpoint: runtime!.sqsEndpoint, region: runtime!.region, dummyCredentials: true },
    });
    await runtime!.sweep({ minAgeMs: 60_000 });
    await runtime!.sweep({ minAgeMs: 0 });

    expect(report).toMatchObject({ messages: 1, requeued: 1, kept: 0 });
    const alerts = await receiveAtLeast(runtime!, queue.url, 1, 10_000);
    alerts.push(...(await drainQueue(runtime!, queue.url)));
    expect(alerts.map((m) => alertOf(m).alert.articleId)).toEqual([posted.body.id]);
    expect(await queueDepth(runtime!.sqs, runtime!.deadLetterQueueUrl)).toBe(0);
  });
});
