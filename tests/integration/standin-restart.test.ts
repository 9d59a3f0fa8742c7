/**
 * A restart of the local runtime keeps the SNS/SQS stand-in's state: a user's own queue, its
 * subscription (still confirmed, still delivering the right alerts) and the messages waiting in the
 * queues, dead-letter queue included. Before, fauxqs kept them in memory only.
 */
import { CreateTopicCommand, ListSubscriptionsByTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
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

  it("keeps the subscriptions of a user's own topic made in another region than the runtime's", async () => {
    // The runtime of the test above (one process loads the handlers for one set of ports).
    runtime ??= await startTestRuntime();
    const queue = await createQueue(runtime, 'mine-elsewhere');
    const sns = new SNSClient({
      endpoint: runtime.snsEndpoint,
      region: 'eu-west-1',
      credentials: { accessKeyId: 't', secretAccessKey: 't' },
    });
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'my-topic' }));
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: queue.arn }));

    runtime = await restartTestRuntime(runtime!);
    const after = new SNSClient({
      endpoint: runtime.snsEndpoint,
      region: 'eu-west-1',
      credentials: { accessKeyId: 't', secretAccessKey: 't' },
    });
    const { Subscriptions = [] } = await after.send(new ListSubscriptionsByTopicCommand({ TopicArn }));

    expect(TopicArn).toContain(':eu-west-1:');
    expect(Subscriptions.map((sub) => sub.Endpoint)).toEqual([queue.arn]);
  });
});
