/**
 * A restart of the local runtime keeps the SNS/SQS stand-in's state: a user's own queue, its
 * subscription (still confirmed, still delivering the right alerts) and the messages waiting in the
 * queues, dead-letter queue included. Before, fauxqs kept them in memory only.
 */
import { GetQueueUrlCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, describe, expect, it } from 'vitest';
import { queueDepth } from '../../functions/local/runtime';
import {
  alertOf,
  api,
  createQueue,
  receiveAtLeast,
  restartTestRuntime,
  startTestRuntime,
  stopTestRuntime,
  type TestRuntime,
} from './helpers';

const article = (n: number) => ({
  title: `Viktor Bout transfer, part ${n}`,
  body: `Viktor Bout was moved to another prison (${n}).`,
  url: `https://example.com/restart/${n}`,
});

describe('a restart with live subscriptions and queues', () => {
  let runtime: TestRuntime | undefined;
  afterAll(() => stopTestRuntime(runtime));

  it('keeps the queue, the subscription and waiting messages, and alerts through them after the restart', async () => {
    runtime = await startTestRuntime();
    const queue = await createQueue(runtime, 'my-alerts');
    const subscribed = await api(runtime, 'POST', '/subscriptions', { protocol: 'sqs', endpoint: queue.arn, people: ['viktor-bout'] });
    await api(runtime, 'POST', '/articles', article(1));
    await receiveAtLeast(runtime, queue.url, 1, 10_000).then(() => undefined);
    await api(runtime, 'POST', '/articles', article(2));
    await runtime.streamIdle();
    await runtime.sqs.send(new SendMessageCommand({ QueueUrl: runtime.deadLetterQueueUrl, MessageBody: '{"kind":"kept"}' }));

    runtime = await restartTestRuntime(runtime!);

    const { QueueUrl } = await runtime.sqs.send(new GetQueueUrlCommand({ QueueName: 'my-alerts' }));
    const listed = await api(runtime, 'GET', '/subscriptions');
    await api(runtime, 'POST', '/articles', article(3));
    const alerts = await receiveAtLeast(runtime, QueueUrl!, 2, 10_000);

    expect(listed.body.items).toContainEqual(expect.objectContaining({ id: subscribed.body.id, status: 'confirmed' }));
    expect(alerts.map((m) => alertOf(m).alert.title).sort()).toEqual(['Viktor Bout transfer, part 2', 'Viktor Bout transfer, part 3']);
    expect(await queueDepth(runtime.sqs, runtime.deadLetterQueueUrl)).toBe(1);
  });
});
