import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { SubscriptionInProgress } from '../core/errors';
import { parseStored } from '../core/stored-record';
import { SubscriptionClaim, SubscriptionRecord } from '../core/subscription-policy';
import { keys } from './table-keys';
import { queryPartition, sendIfCondition, type Table } from './table';

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

/** Each attempt loses only to a claim made or released meanwhile: more than a few means something is wrong. */
const CLAIM_ATTEMPTS = 3;

const claimedBy = (holder: string) => ({
  ConditionExpression: 'subscriptionId = :holder',
  ExpressionAttributeValues: { ':holder': holder },
});

/**
 * Makes record `id` the one holding an SNS subscription; answers the id of the record that already
 * holds it, if any. SNS gives every request that subscribes an endpoint with the same settings the same
 * subscription, so two requests at once would otherwise both store a record for it. The caller stores
 * its record first: a claim whose record is gone was left by a delete or a crash, and is taken over.
 * A claim that changes hands on every attempt is a SubscriptionInProgress (409): the client tries again.
 */
export async function claimSubscription(table: Table, subscriptionArn: string, id: string): Promise<string | undefined> {
  const key = keys.subscriptionClaim(subscriptionArn);
  const item = { ...key, kind: 'subscription-claim', subscriptionId: id };
  const put = (condition: { ConditionExpression: string; ExpressionAttributeValues?: Record<string, string> }) =>
    sendIfCondition(table, new PutCommand({ TableName: table.name, Item: item, ...condition }));
  for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
    if (await put({ ConditionExpression: 'attribute_not_exists(pk)' })) return undefined;
    const holder = await claimHolder(table, subscriptionArn);
    if (holder === undefined) continue; // released between the two reads: claim it again
    if (await getSubscription(table, holder)) return holder;
    if (await put(claimedBy(holder))) return undefined;
  }
  throw new SubscriptionInProgress('Another request is subscribing this endpoint right now: try again in a moment', [
    { path: 'endpoint', message: 'being subscribed by another request right now' },
  ]);
}

async function claimHolder(table: Table, subscriptionArn: string): Promise<string | undefined> {
  const out = await table.doc.send(new GetCommand({ TableName: table.name, Key: keys.subscriptionClaim(subscriptionArn) }));
  return out.Item ? parseStored(SubscriptionClaim, out.Item, `claim on ${subscriptionArn}`).subscriptionId : undefined;
}

/** Lets the SNS subscription go with record `id`; a claim another record took over meanwhile stays. */
export async function releaseSubscription(table: Table, subscriptionArn: string, id: string): Promise<void> {
  await sendIfCondition(
    table,
    new DeleteCommand({ TableName: table.name, Key: keys.subscriptionClaim(subscriptionArn), ...claimedBy(id) }),
  );
}
