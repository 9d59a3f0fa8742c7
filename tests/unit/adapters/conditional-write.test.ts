import { ConditionalCheckFailedException, DynamoDBClient, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { sendIfCondition, type Table, updateIfExists } from '../../../functions/adapters/table';

// The one conditional-write idiom of the repositories: a refused condition is an answer (false), any
// other failure stays an error the caller (and Lambda's retry) sees.
const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
const ddb = mockClient(doc);
const table: Table = { doc, name: 'newswatch' };
const put = () => new PutCommand({ TableName: table.name, Item: { pk: 'p', sk: 's' }, ConditionExpression: 'attribute_not_exists(pk)' });
const refused = () => new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });

beforeEach(() => ddb.reset());

describe('sendIfCondition', () => {
  it('answers true when the write was made, and sends the command as given', async () => {
    ddb.on(PutCommand).resolves({});
    await expect(sendIfCondition(table, put())).resolves.toBe(true);
    expect(ddb.commandCalls(PutCommand)[0]!.args[0].input).toMatchObject({ ConditionExpression: 'attribute_not_exists(pk)' });
  });

  it('answers false when the condition did not hold, for a put, an update and a delete', async () => {
    ddb.on(PutCommand).rejects(refused());
    ddb.on(UpdateCommand).rejects(refused());
    ddb.on(DeleteCommand).rejects(refused());
    const key = { pk: 'p', sk: 's' };
    const update = new UpdateCommand({
      TableName: table.name,
      Key: key,
      UpdateExpression: 'SET a = :a',
      ExpressionAttributeValues: { ':a': 1 },
    });
    const remove = new DeleteCommand({ TableName: table.name, Key: key, ConditionExpression: 'attribute_exists(pk)' });
    expect(await Promise.all([sendIfCondition(table, put()), sendIfCondition(table, update), sendIfCondition(table, remove)])).toEqual([
      false,
      false,
      false,
    ]);
  });

  it('recognises the refusal by its name, whichever class built it', async () => {
    ddb.on(PutCommand).rejects(Object.assign(new Error('The conditional request failed'), { name: 'ConditionalCheckFailedException' }));
    await expect(sendIfCondition(table, put())).resolves.toBe(false);
  });

  it('throws every other failure (a throttled write is not a refused condition)', async () => {
    ddb.on(PutCommand).rejects(new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} }));
    await expect(sendIfCondition(table, put())).rejects.toThrow('slow down');
  });
});

describe('updateIfExists', () => {
  it('updates only an item that exists: the condition names the key attribute, and a refusal is false', async () => {
    ddb.on(UpdateCommand).rejectsOnce(refused()).resolves({});
    const key = { pk: 'APIKEYS', sk: 'k1' };

    const missing = await updateIfExists(table, key, { UpdateExpression: 'REMOVE retryAfter' });
    const present = await updateIfExists(table, key, { UpdateExpression: 'SET a = :a', ExpressionAttributeValues: { ':a': 1 } });

    expect([missing, present]).toEqual([false, true]);
    expect(ddb.commandCalls(UpdateCommand).map((c) => c.args[0].input)).toEqual([
      { TableName: 'newswatch', Key: key, UpdateExpression: 'REMOVE retryAfter', ConditionExpression: 'attribute_exists(pk)' },
      {
        TableName: 'newswatch',
        Key: key,
        UpdateExpression: 'SET a = :a',
        ExpressionAttributeValues: { ':a': 1 },
        ConditionExpression: 'attribute_exists(pk)',
      },
    ]);
  });
});
