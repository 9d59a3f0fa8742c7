/**
 * `alerts redrive` and the completeness sweeper against the real local runtime: an alert that ended in
 * the stream dead-letter queue (SNS refused it until the retries ran out) is published once after a
 * redrive — with the story alert its story subscribers are owed, and in the next digest — and the
 * queue is empty afterwards.
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
  let storyQueue: { url: string; arn: string };

  beforeAll(async () => {
    // No retries: the record goes to the dead-letter queue on its first failure.
    runtime = await startTestRuntime({ delivery: { maxRetries: 0 }, sweep: { intervalMs: 3_600_000, minAgeMs: 60_000 } });
    queue = await createQueue(runtime, 'redrive-bout');
    expect((await api(runtime, 'POST', '/subscriptions', { protocol: 'sqs', endpoint: queue.arn, people: ['viktor-bout'] })).status).toBe(
      201,
    );
    storyQueue = await createQueue(runtime, 'redrive-bout-story');
    const story = { protocol: 'sqs', endpoint: storyQueue.arn, people: ['viktor-bout'], delivery: 'story' };
    expect((await api(runtime, 'POST', '/subscriptions', story)).status).toBe(201);
    const hourlyQueue = await createQueue(runtime, 'redrive-bout-hourly');
    const hourly = { protocol: 'sqs', endpoint: hourlyQueue.arn, people: ['viktor-bout'], delivery: 'hourly' };
    expect((await api(runtime, 'POST', '/subscriptions', hourly)).status).toBe(201);
  });
  afterAll(() => stopTestRuntime(runtime));

  it('publishes a dead-lettered alert once after a redrive and empties the queue', async () => {
    runtime!.faults.rejectPublishesUntil = Date.now() + 60_000;
    const postedAt = Date.now();
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

    // Story subscribers get the story alert of the re-driven article, once.
    const storyAlerts = await receiveAtLeast(runtime!, storyQueue.url, 1, 10_000);
    await runtime!.sweep({ minAgeMs: 0 });
    await new Promise((r) => setTimeout(r, 1_000));
    storyAlerts.push(...(await drainQueue(runtime!, storyQueue.url)));
    expect(storyAlerts.map((m) => [alertOf(m).alert.kind, alertOf(m).alert.articleId, alertOf(m).alert.storyId])).toEqual([
      ['story', posted.body.id, posted.body.storyId],
    ]);
    // And the hourly digest lists its story (articles of the last 5 seconds wait for the next one).
    await new Promise((r) => setTimeout(r, Math.max(0, postedAt + 6_000 - Date.now())));
    const digests = await api(runtime!, 'POST', '/digests', { delivery: 'hourly' });
    expect(digests.body.items).toMatchObject([{ delivery: 'hourly', stories: 1, sent: true }]);
  });
});
