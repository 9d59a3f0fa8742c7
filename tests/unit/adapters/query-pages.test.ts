import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { queryPages, type Table } from '../../../functions/adapters/table';

// The one paging loop of the repositories (partitions, owed alerts, digest matches, story members, sent alerts).
const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
const ddb = mockClient(doc);
const table: Table = { doc, name: 'newswatch' };
const query = { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'P' } };

/** Three pages of two items; each page's LastEvaluatedKey is its last item's key. */
beforeEach(() => {
  ddb.reset();
  const pages = [
    [1, 2],
    [3, 4],
    [5, 6],
  ].map((sks) => sks.map((sk) => ({ pk: 'P', sk: String(sk) })));
  ddb.on(QueryCommand).callsFake((input) => {
    const at = input.ExclusiveStartKey ? pages.findIndex((p) => p.at(-1)!.sk === input.ExclusiveStartKey.sk) + 1 : 0;
    return { Items: pages[at], ...(at < pages.length - 1 && { LastEvaluatedKey: pages[at]!.at(-1) }) };
  });
});

const startKeys = () => ddb.commandCalls(QueryCommand).map((c) => c.args[0].input.ExclusiveStartKey?.sk);

describe('queryPages', () => {
  it('reads every page, each from where the previous one ended, until the query ends', async () => {
    const seen: string[] = [];
    await queryPages(table, query, (items) => {
      seen.push(...items.map((i) => String(i.sk)));
      return false;
    });
    expect(seen).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(startKeys()).toEqual([undefined, '2', '4']);
    expect(ddb.commandCalls(QueryCommand)[0]!.args[0].input).toEqual({ TableName: 'newswatch', ...query });
  });

  it('reads no further page once the caller has enough', async () => {
    let pages = 0;
    await queryPages(table, query, () => ++pages === 2);
    expect(startKeys()).toEqual([undefined, '2']);
  });
});
