import { BatchGetCommand, BatchWriteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { type ItemKey, itemKey, sendIfCondition, type Table } from './table';

const MAX_ATTEMPTS = 6;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function backoff(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.min(20 * 2 ** attempt, 1_000)));
}

/** Idempotent puts in batches of 25, retrying what DynamoDB leaves unprocessed (throttling). */
export async function batchPut(table: Table, items: readonly Record<string, unknown>[]): Promise<void> {
  await batchWrite(
    table,
    items.map((Item) => ({ PutRequest: { Item } })),
  );
}

/** Deletes by key in batches of 25, retrying what DynamoDB leaves unprocessed; a missing item is no error. */
export async function batchDelete(table: Table, itemKeys: readonly ItemKey[]): Promise<void> {
  await batchPutAndDelete(table, [], itemKeys);
}

const keyOf = (i: Record<string, unknown>) => `${i.pk}\u0000${i.sk}`;

/**
 * How many of one article's conditional puts are in flight at once: with the batch route's 8 articles at a time
 * this stays under the SDK's 50 sockets, so an article naming dozens of tracked people queues its own puts
 * rather than every request of the process (and the SDK's "socket usage at capacity" warning).
 */
export const CONDITIONAL_PUTS_AT_ONCE = 6;

/**
 * Puts each item only where no item has its key yet: one conditional PutItem each (BatchWriteItem takes no
 * condition), CONDITIONAL_PUTS_AT_ONCE at a time, so the first write of a key wins and a later one changes
 * nothing. Answers the items refused because an item was there. DynamoDB bills a refused put like the put.
 */
export async function putEachIfAbsent(table: Table, items: readonly Record<string, unknown>[]): Promise<Record<string, unknown>[]> {
  const refused: Record<string, unknown>[] = [];
  for (let start = 0; start < items.length; start += CONDITIONAL_PUTS_AT_ONCE) {
    const slice = items.slice(start, start + CONDITIONAL_PUTS_AT_ONCE);
    const landed = await Promise.all(
      slice.map((Item) =>
        sendIfCondition(table, new PutCommand({ TableName: table.name, Item, ConditionExpression: 'attribute_not_exists(pk)' })),
      ),
    );
    refused.push(...slice.filter((_, i) => !landed[i]));
  }
  return refused;
}

/**
 * What an attempt that lost to a stored state (`kept`) wrote is made that state, in one request stream:
 * the items of `written` whose key `kept` lacks are deleted, and each one it created (not in `refused`,
 * the items that were there already and so were left alone) where `kept` has one of its key is put as
 * `kept` has it, unless the two are the same. Nothing is written when the attempt wrote what was stored.
 */
export async function settleWritten(
  table: Table,
  written: readonly Record<string, unknown>[],
  kept: readonly Record<string, unknown>[],
  refused: readonly Record<string, unknown>[] = [],
): Promise<void> {
  const keep = new Map(kept.map((i) => [keyOf(i), i]));
  const untouched = new Set(refused.map(keyOf));
  const stray = written.filter((i) => !keep.has(keyOf(i))).map(itemKey);
  const restore = written.flatMap((i) => {
    const as = keep.get(keyOf(i));
    return as === undefined || untouched.has(keyOf(i)) || JSON.stringify(as) === JSON.stringify(i) ? [] : [as];
  });
  if (stray.length + restore.length > 0) await batchPutAndDelete(table, restore, stray);
}

/** Puts and deletes of different items in one request stream (batches of 25): one round trip where two would do. */
export async function batchPutAndDelete(
  table: Table,
  items: readonly Record<string, unknown>[],
  itemKeys: readonly ItemKey[],
): Promise<void> {
  await batchWrite(table, [...items.map((Item) => ({ PutRequest: { Item } })), ...itemKeys.map((Key) => ({ DeleteRequest: { Key } }))]);
}

type WriteRequest = { PutRequest: { Item: Record<string, unknown> } } | { DeleteRequest: { Key: Record<string, unknown> } };

async function batchWrite(table: Table, all: readonly WriteRequest[]): Promise<void> {
  for (const chunk of chunks(all, 25)) {
    let requests = chunk;
    for (let attempt = 0; requests.length > 0; attempt++) {
      if (attempt >= MAX_ATTEMPTS) throw new Error(`BatchWrite left ${requests.length} items unprocessed`);
      if (attempt > 0) await backoff(attempt);
      const out = await table.doc.send(new BatchWriteCommand({ RequestItems: { [table.name]: requests } }));
      requests = (out.UnprocessedItems?.[table.name] ?? []) as WriteRequest[];
    }
  }
}

/** Reads items by key in batches of 100, retrying unprocessed keys; the order of the result is not the order asked. */
export async function batchGet(table: Table, itemKeys: readonly ItemKey[]): Promise<Record<string, unknown>[]> {
  const found: Record<string, unknown>[] = [];
  for (const chunk of chunks(itemKeys, 100)) {
    let pending: Record<string, unknown>[] = chunk;
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt >= MAX_ATTEMPTS) throw new Error(`BatchGet left ${pending.length} keys unprocessed`);
      if (attempt > 0) await backoff(attempt);
      const out = await table.doc.send(new BatchGetCommand({ RequestItems: { [table.name]: { Keys: pending } } }));
      found.push(...(out.Responses?.[table.name] ?? []));
      pending = out.UnprocessedKeys?.[table.name]?.Keys ?? [];
    }
  }
  return found;
}
