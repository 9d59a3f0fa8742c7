import './support/env';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import type { StoredFeed } from '../../../functions/core/feeds/feed';
import { context } from './support/events';

const QUEUE = 'https://sqs.us-east-1.amazonaws.com/000000000000/newswatch-feeds';
process.env.FEED_QUEUE_URL = QUEUE;
const { handler } = await import('../../../functions/handlers/feed-dispatcher');

const ddb = mockClient(DynamoDBDocumentClient);
const sqs = mockClient(SQSClient);

const feed = (id: string, nextPollAt: string): StoredFeed & { pk: string; sk: string } => ({
  pk: 'FEEDS',
  sk: id,
  id,
  url: `https://${id}.example.com/rss`,
  everyMinutes: 15,
  fullText: false,
  createdAt: '2026-01-01T00:00:00.000Z',
  nextPollAt,
  lastPolledAt: null,
  lastStatus: 'pending',
  articles: 0,
  failures: 0,
});

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
      Entries: [{ Id: '0', MessageBody: '{"feedId":"due"}' }],
    });
  });

  it('sends nothing for a feed another run claimed first', async () => {
    ddb.on(QueryCommand).resolves({ Items: [feed('due', '2020-01-01T00:00:00.000Z')] });
    ddb.on(UpdateCommand).rejects(new ConditionalCheckFailedException({ message: 'claimed', $metadata: {} }));

    const result = await handler({}, context);

    expect(result).toEqual({ dispatched: 0 });
    expect(sqs).not.toHaveReceivedCommand(SendMessageBatchCommand);
  });
});
