import { Metrics } from '@aws-lambda-powertools/metrics';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import type { SnsClient } from '../../../functions/adapters/sns';
import { saveSubscription } from '../../../functions/adapters/subscription-repository';
import type { Table } from '../../../functions/adapters/table';
import { sendDigests } from '../../../functions/app/digests/send-digests';
import { fakeTable } from '../handlers/support/fake-table';

const SUBSCRIBED_AT = '2026-11-30T09:31:07.189Z';
const unusedSns = {} as SnsClient;
// The fake answers every document client's commands from one in-memory table.
fakeTable();
const table: Table = { doc: DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' })), name: 'newswatch' };

describe('digest periods', () => {
  it('reports an empty period, never one that ends before it starts, for a subscription made seconds ago', async () => {
    await saveSubscription(table, {
      id: 'sub_new',
      protocol: 'sqs',
      endpoint: 'arn:aws:sqs:us-east-1:000000000000:q',
      people: ['viktor-bout'],
      topics: [],
      subscriptionArn: 'arn:aws:sns:us-east-1:000000000000:alerts:1',
      pending: false,
      createdAt: SUBSCRIBED_AT,
      delivery: 'hourly',
    });
    const oneSecondLater = new Date(Date.parse(SUBSCRIBED_AT) + 1_000);

    const [result] = await sendDigests(
      { table, sns: unusedSns, topicArn: 'arn:aws:sns:us-east-1:000000000000:alerts', metrics: new Metrics() },
      ['hourly'],
      oneSecondLater,
    );

    expect(result).toEqual({
      subscriptionId: 'sub_new',
      delivery: 'hourly',
      periodStart: SUBSCRIBED_AT,
      periodEnd: SUBSCRIBED_AT,
      stories: 0,
      sent: false,
    });
  });
});
