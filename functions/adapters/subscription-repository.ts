import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { parseStored } from '../core/stored-record';
import { SubscriptionRecord } from '../core/subscription-policy';
import { keys } from './table-keys';
import { queryPartition, type Table } from './table';

export { SubscriptionRecord };

/** Validates an item read back from the table; the schema drops the storage keys (pk, sk, kind). */
function toRecord(item: Record<string, unknown>): SubscriptionRecord {
  return parseStored(SubscriptionRecord, item, `subscription ${item.sk}`);
}

export async function saveSubscription(table: Table, record: SubscriptionRecord): Promise<void> {
  await table.doc.send(
    new PutCommand({ TableName: table.name, Item: { ...keys.subscription(record.id), kind: 'subscription', ...record } }),
  );
}

export async function getSubscription(table: Table, id: string): Promise<SubscriptionRecord | undefined> {
  const out = await table.doc.send(new GetCommand({ TableName: table.name, Key: keys.subscription(id) }));
  return out.Item ? toRecord(out.Item) : undefined;
}

export async function listSubscriptions(table: Table): Promise<SubscriptionRecord[]> {
  return (await queryPartition(table, keys.subscriptionsPartition)).map(toRecord);
}

/** Records what SNS reported once the subscriber confirmed. */
export async function markConfirmed(table: Table, id: string, subscriptionArn: string): Promise<void> {
  await table.doc.send(
    new UpdateCommand({
      TableName: table.name,
      Key: keys.subscription(id),
      UpdateExpression: 'SET pending = :false, subscriptionArn = :arn',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':false': false, ':arn': subscriptionArn },
    }),
  );
}

export async function deleteSubscription(table: Table, id: string): Promise<void> {
  await table.doc.send(new DeleteCommand({ TableName: table.name, Key: keys.subscription(id) }));
}
