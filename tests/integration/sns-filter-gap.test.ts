/**
 * fauxqs 1.9 does not match String.Array message attributes against filter policies and ignores
 * MessageStructure=json; AWS does both. The local runtime closes the gap: these tests publish to its
 * SNS endpoint with the real SDK and check each SQS subscriber gets exactly what AWS would deliver.
 */
import { CreateTopicCommand, PublishCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { buildApp } from 'fauxqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQueue, drainQueue, receiveAtLeast, startTestRuntime, stopTestRuntime, type TestRuntime } from './helpers';

describe('local SNS: filter policies and message structure as on AWS', () => {
  let runtime: TestRuntime | undefined;
  let sns: SNSClient;

  async function subscribedQueue(name: string, attributes: Record<string, string>) {
    const queue = await createQueue(runtime!, name);
    await sns.send(new SubscribeCommand({ TopicArn: runtime!.topicArn, Protocol: 'sqs', Endpoint: queue.arn, Attributes: attributes }));
    return queue;
  }

  function publishAlert(people: string[], topics: string[], message = { default: 'plain', sqs: '{"for":"sqs"}' }) {
    return sns.send(
      new PublishCommand({
        TopicArn: runtime!.topicArn,
        MessageStructure: 'json',
        Message: JSON.stringify(message),
        MessageAttributes: {
          people: { DataType: 'String.Array', StringValue: JSON.stringify(people) },
          topics: { DataType: 'String.Array', StringValue: JSON.stringify(topics) },
        },
      }),
    );
  }

  beforeAll(async () => {
    runtime = await startTestRuntime();
    sns = new SNSClient({
      endpoint: runtime.snsEndpoint,
      region: runtime.region,
      credentials: { accessKeyId: 'any', secretAccessKey: 'any' },
    });
  });

  afterAll(async () => {
    sns.destroy();
    await stopTestRuntime(runtime);
  });

  it('delivers a String.Array alert to a queue filtering on one of its elements, and not to one filtering on an absent element', async () => {
    const follower = await subscribedQueue('gap-follower', { FilterPolicy: JSON.stringify({ people: ['viktor-bout'] }) });
    const stranger = await subscribedQueue('gap-stranger', { FilterPolicy: JSON.stringify({ people: ['brittney-griner'] }) });

    await publishAlert(['konstantin-yaroshenko', 'viktor-bout'], []);

    expect(await receiveAtLeast(runtime!, follower.url, 1)).toHaveLength(1);
    expect(await drainQueue(runtime!, stranger.url)).toHaveLength(0);
  });

  it('matches $or across people and topics the way the api handler builds policies', async () => {
    const policy = { $or: [{ people: ['sergei-ryabkov'] }, { topics: ['prisoner-exchange'] }] };
    const queue = await subscribedQueue('gap-or', { FilterPolicy: JSON.stringify(policy), FilterPolicyScope: 'MessageAttributes' });

    await publishAlert([], ['prisoner-exchange']);
    await publishAlert(['viktor-bout'], ['other-topic']);

    const received = await receiveAtLeast(runtime!, queue.url, 1);
    expect(received).toHaveLength(1);
    expect(await drainQueue(runtime!, queue.url)).toHaveLength(0);
  });

  it('sends an SQS subscriber the sqs entry of a MessageStructure=json message inside the SNS envelope', async () => {
    const queue = await subscribedQueue('gap-envelope', {});

    await publishAlert(['viktor-bout'], []);

    const [message] = await receiveAtLeast(runtime!, queue.url, 1);
    const envelope = JSON.parse(message!.Body!);
    expect(envelope).toMatchObject({ Type: 'Notification', TopicArn: runtime!.topicArn, Message: '{"for":"sqs"}' });
    expect(envelope.MessageAttributes.people).toEqual({ Type: 'String.Array', Value: '["viktor-bout"]' });
  });

  it('falls back to the default entry when there is no sqs entry, and honours raw message delivery', async () => {
    const queue = await subscribedQueue('gap-raw', { RawMessageDelivery: 'true' });

    await publishAlert(['viktor-bout'], [], { default: 'the default text' } as never);

    const [message] = await receiveAtLeast(runtime!, queue.url, 1);
    expect(message!.Body).toBe('the default text');
    expect(message!.MessageAttributes?.people?.StringValue).toBe('["viktor-bout"]');
  });

  it('refuses a MessageStructure=json message without a default entry, as SNS does', async () => {
    const refused = publishAlert(['viktor-bout'], [], { sqs: 'only sqs' } as never);

    await expect(refused).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });
});

describe('stock fauxqs 1.9 (why the local runtime delivers SNS itself)', () => {
  it('drops a String.Array alert that AWS would deliver to a queue filtering on one of its elements', async () => {
    const app = buildApp({ logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address() as { port: number };
    const config = {
      endpoint: `http://127.0.0.1:${address.port}`,
      region: 'us-east-1',
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    };
    const sns = new SNSClient(config);
    const sqs = new SQSClient(config);
    try {
      const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'stock' }));
      const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'stock-follower' }));
      const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
      await sns.send(
        new SubscribeCommand({
          TopicArn,
          Protocol: 'sqs',
          Endpoint: Attributes!.QueueArn,
          Attributes: { FilterPolicy: JSON.stringify({ people: ['viktor-bout'] }) },
        }),
      );

      await sns.send(
        new PublishCommand({
          TopicArn,
          Message: 'alert',
          MessageAttributes: { people: { DataType: 'String.Array', StringValue: '["viktor-bout"]' } },
        }),
      );

      const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 0 }));
      expect(Messages).toHaveLength(0);
    } finally {
      sns.destroy();
      sqs.destroy();
      await app.close();
    }
  });
});
