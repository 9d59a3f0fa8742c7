import { BatchGetCommand, BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { itemKey, type Table } from './table';

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

/** Idempotent deletes by key in batches of 25 (a missing item is not an error). */
export async function batchDelete(table: Table, itemKeys: readonly { pk: string; sk: string }[]): Promise<void> {
  await batchWrite(
    table,
    itemKeys.map((Key) => ({ DeleteRequest: { Key } })),
  );
}

/** Deletes the items of `written` whose key none of `kept` has (what a losing attempt wrote that the stored state lacks). */
export async function deleteStray(
  table: Table,
  written: readonly Record<string, unknown>[],
  kept: readonly Record<string, unknown>[],
): Promise<void> {
  const keyOf = (i: Record<string, unknown>) => `${i.pk}\u0000${i.sk}`;
  const keep = new Set(kept.map(keyOf));
  const stray = written.filter((i) => !keep.has(keyOf(i))).map(itemKey);
  if (stray.length > 0) await batchDelete(table, stray);
}

/** Puts and deletes of different items in one request stream (batches of 25): one round trip where two would do. */
export async function batchPutAndDelete(
  table: Table,
  items: readonly Record<string, unknown>[],
  itemKeys: readonly { pk: string; sk: string }[],
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
export async function batchGet(table: Table, itemKeys: readonly { pk: string; sk: string }[]): Promise<Record<string, unknown>[]> {
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
