import './support/env';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { context } from './support/events';
import { storedFeed } from './support/stored-feed';

const QUEUE = 'https://sqs.us-east-1.amazonaws.com/000000000000/newswatch-feeds.fifo';
process.env.FEED_QUEUE_URL = QUEUE;
const { handler } = await import('../../../functions/handlers/feed-dispatcher');

const ddb = mockClient(DynamoDBDocumentClient);
const sqs = mockClient(SQSClient);

const feed = (id: string, nextPollAt: string) => ({ pk: 'FEEDS', sk: id, ...storedFeed(id, nextPollAt) });

describe('feed dispatcher handler', () => {
  beforeEach(() => {
    ddb.reset();
    sqs.reset();
    sqs.on(SendMessageBatchCommand).callsFake((input) => ({ Successful: input.Entries.map((e: { Id: string }) => ({ Id: e.Id })) }));
  });

  it('claims only the due feeds and sends one message for each', async () => {
    ddb.on(QueryCommand).resolves({ Items: [feed('due', '2020-01-01T00:00:00.000Z'), feed('later', '2999-01-01T00:00:00.000Z')] });
    ddb.on(UpdateCommand).resolves({});

    const result = await handler({}, context);

    expect(result).toEqual({ dispatched: 1 });
    expect(ddb).toHaveReceivedCommandTimes(UpdateCommand, 1);
    expect(ddb).toHaveReceivedCommandWith(UpdateCommand, {
      Key: { pk: 'FEEDS', sk: 'due' },
      ConditionExpression: 'nextPollAt = :seen',
      ExpressionAttributeValues: expect.objectContaining({ ':seen': '2020-01-01T00:00:00.000Z' }),
    });
    expect(sqs).toHaveReceivedCommandWith(SendMessageBatchCommand, {
      QueueUrl: QUEUE,
      Entries: [
        {
          Id: '0',
          MessageBody: '{"feedId":"due"}',
          MessageGroupId: 'due.example.com',
          MessageDeduplicationId: expect.stringMatching(/^due@\d{4}-/),
        },
      ],
    });
  });

  it('groups the messages by host, so the FIFO queue hands one host to one poller at a time', async () => {
    const onHost = (id: string, url: string) => ({ ...feed(id, '2020-01-01T00:00:00.000Z'), url });
    ddb.on(QueryCommand).resolves({
      Items: [
        onHost('a', 'https://News.Example.com:8443/world.xml'),
        onHost('b', 'https://news.example.com/sport.xml'),
        onHost('c', 'https://other.example.org/feed'),
      ],
    });
    ddb.on(UpdateCommand).resolves({});

    await handler({}, context);

    const entries = sqs.commandCalls(SendMessageBatchCommand).flatMap((c) => c.args[0].input.Entries ?? []);
    expect(entries.map((e) => [e.MessageBody, e.MessageGroupId])).toEqual([
      ['{"feedId":"a"}', 'news.example.com'],
      ['{"feedId":"b"}', 'news.example.com'],
      ['{"feedId":"c"}', 'other.example.org'],
    ]);
    expect(new Set(entries.map((e) => e.MessageDeduplicationId)).size).toBe(3);
  });

  it('sends nothing for a feed another run claimed first', async () => {
    ddb.on(QueryCommand).resolves({ Items: [feed('due', '2020-01-01T00:00:00.000Z')] });
    ddb.on(UpdateCommand).rejects(new ConditionalCheckFailedException({ message: 'claimed', $metadata: {} }));

    const result = await handler({}, context);

    expect(result).toEqual({ dispatched: 0 });
    expect(sqs).not.toHaveReceivedCommand(SendMessageBatchCommand);
  });
});
