/**
 * The local document clients' fast path (functions/local/dynamo/document-fast-path.ts) answers every
 * operation the handlers use exactly as the SDK's own pipeline does: the same items back (binary, sets,
 * numbers, nested maps), the same pages, the same batch answers, the same errors — compared against a
 * plain SDK document client on the same dynalite over HTTP. A refused request goes to the SDK, which
 * builds its error from the stand-in's first answer (the request is not sent twice); a plain answer
 * never touches the SDK's pipeline.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  __Client,
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDocumentClient, useLocalTableClients } from '../../functions/adapters/table';
import { ensureTable } from '../../functions/local/dynamo/dynamo-standin';
import type { DynamoThread } from '../../functions/local/dynamo/dynamo-thread';
import type { TableAnswer } from '../../functions/local/dynamo/dynamo-service';
import { connectTableClients, localTableClients } from '../../functions/local/dynamo/in-process-handler';
import { localDynamoClient, startQuietDynamoThread } from '../support/local-dynamo';

const TABLE = 'newswatch';

describe('the local document clients fast path', () => {
  const dir = mkdtempSync(join(tmpdir(), 'newswatch-fast-path-'));
  const sdkSend = vi.spyOn(__Client.prototype, 'send');
  let thread: DynamoThread;
  let sdk: DynamoDBDocumentClient;
  let fast: DynamoDBDocumentClient;
  const cleanups: Array<() => unknown> = [];
  /** The bodies the fast client sent to the stand-in, and the answers to put in front of the stand-in's own. */
  const sent: string[] = [];
  const injected: TableAnswer[] = [];

  beforeAll(async () => {
    process.env.AWS_REGION = 'us-east-1'; // as the runtime sets it for the handlers
    thread = await startQuietDynamoThread(join(dir, 'dynamodb'), TABLE);
    const raw = localDynamoClient(`http://${thread.host}:${thread.port}`);
    await ensureTable(raw, TABLE);
    sdk = DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } });
    cleanups.push(
      useLocalTableClients(localTableClients),
      connectTableClients((target, body) => {
        sent.push(body);
        const answer = injected.shift();
        return answer ? Promise.resolve(answer) : thread.request(target, body);
      }),
    );
    fast = createDocumentClient();
  });
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) cleanup();
    sdk.destroy();
    fast.destroy();
    await thread.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const bare = ({ $metadata: _metadata, ...output }: { $metadata?: unknown }): Record<string, any> => output;
  const sample = (pk: string) => ({
    pk,
    sk: 'A',
    text: 'Виктор Бут',
    empty: '',
    count: 3,
    score: 0.75,
    flag: true,
    nothing: null,
    missing: undefined,
    list: ['a', 2, { deep: [false] }, new Uint8Array([7])],
    map: { nested: { n: 1, bytes: new Uint8Array([9, 8]) } },
    names: new Set(['x', 'y']),
    numbers: new Set([1, 2]),
    body: new Uint8Array([0, 1, 2, 250, 255]),
    blobs: new Set([new Uint8Array([1]), new Uint8Array([2, 3])]),
  });
  const both = async <T extends { $metadata?: unknown }>(send: (doc: DynamoDBDocumentClient, prefix: string) => Promise<T>) => {
    const viaSdk = await send(sdk, 'sdk');
    sdkSend.mockClear();
    const viaFast = await send(fast, 'fast');
    return { viaSdk: bare(viaSdk), viaFast: bare(viaFast), sdkCalls: sdkSend.mock.calls.length };
  };

  it('writes and reads an item with every kind of attribute as the SDK does, without the SDK pipeline', async () => {
    const { viaSdk, viaFast, sdkCalls } = await both(async (doc, prefix) => {
      await doc.send(new PutCommand({ TableName: TABLE, Item: sample(`X#${prefix}`) }));
      return doc.send(new GetCommand({ TableName: TABLE, Key: { pk: `X#${prefix}`, sk: 'A' }, ConsistentRead: true }));
    });

    expect(viaFast).toEqual({ Item: { ...viaSdk.Item, pk: 'X#fast' } });
    expect(viaFast.Item?.body).toBeInstanceOf(Uint8Array);
    expect(sdkCalls).toBe(0);
  });

  it('answers updates, deletes and queries with pages as the SDK does, without the SDK pipeline', async () => {
    const { viaSdk, viaFast, sdkCalls } = await both(async (doc, prefix) => {
      const pk = `Q#${prefix}`;
      for (const sk of ['1', '2', '3']) await doc.send(new PutCommand({ TableName: TABLE, Item: { pk, sk, n: Number(sk) } }));
      const updated = await doc.send(
        new UpdateCommand({
          TableName: TABLE,
          Key: { pk, sk: '1' },
          UpdateExpression: 'ADD n :one SET tags = :tags',
          ExpressionAttributeValues: { ':one': 1, ':tags': ['a'] },
          ReturnValues: 'ALL_NEW',
        }),
      );
      const deleted = await doc.send(new DeleteCommand({ TableName: TABLE, Key: { pk, sk: '3' }, ReturnValues: 'ALL_OLD' }));
      const page = await doc.send(
        new QueryCommand({ TableName: TABLE, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, Limit: 1 }),
      );
      const next = await doc.send(
        new QueryCommand({
          TableName: TABLE,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': pk },
          ExclusiveStartKey: page.LastEvaluatedKey,
        }),
      );
      const strip = (value: unknown) => JSON.parse(JSON.stringify(value).replaceAll(pk, 'PK'));
      return { $metadata: undefined, ...strip({ updated: bare(updated), deleted: bare(deleted), page: bare(page), next: bare(next) }) };
    });

    expect(viaFast).toEqual(viaSdk);
    expect(viaFast).toMatchObject({ page: { LastEvaluatedKey: { pk: 'PK', sk: '1' } }, next: { Items: [{ sk: '2' }] } });
    expect(sdkCalls).toBe(0);
  });

  it('answers batch writes and batch reads as the SDK does, without the SDK pipeline', async () => {
    const { viaSdk, viaFast, sdkCalls } = await both(async (doc, prefix) => {
      const pk = `B#${prefix}`;
      const written = await doc.send(
        new BatchWriteCommand({
          RequestItems: {
            [TABLE]: [{ PutRequest: { Item: { pk, sk: '1', v: new Set([1]) } } }, { PutRequest: { Item: { pk, sk: '2' } } }],
          },
        }),
      );
      const removed = await doc.send(new BatchWriteCommand({ RequestItems: { [TABLE]: [{ DeleteRequest: { Key: { pk, sk: '2' } } }] } }));
      const read = await doc.send(
        new BatchGetCommand({
          RequestItems: {
            [TABLE]: {
              Keys: [
                { pk, sk: '1' },
                { pk, sk: '2' },
              ],
              ConsistentRead: true,
            },
          },
        }),
      );
      return {
        $metadata: undefined,
        written: bare(written),
        removed: bare(removed),
        read: JSON.parse(JSON.stringify(bare(read), (k, v) => (k === 'pk' ? 'PK' : v instanceof Set ? [...v] : v))),
      };
    });

    expect(viaFast).toEqual(viaSdk);
    expect(viaFast.read).toEqual({ Responses: { [TABLE]: [{ pk: 'PK', sk: '1', v: [1] }] }, UnprocessedKeys: {} });
    expect(sdkCalls).toBe(0);
  });

  it('stores an item given as a class instance by its own fields, as the SDK does', async () => {
    class Entry {
      constructor(
        readonly pk: string,
        readonly sk = 'A',
        readonly n = 1,
      ) {}
    }
    const { viaSdk, viaFast } = await both(async (doc, prefix) => {
      await doc.send(new PutCommand({ TableName: TABLE, Item: new Entry(`K#${prefix}`) }));
      return doc.send(
        new GetCommand({ TableName: TABLE, Key: { pk: `K#${prefix}`, sk: 'A' }, ProjectionExpression: 'n', ConsistentRead: true }),
      );
    });

    expect(viaSdk).toEqual({ Item: { n: 1 } });
    expect(viaFast).toEqual(viaSdk);
  });

  it('refuses a conditional put with the SDK error, built by the SDK', async () => {
    const put = (doc: DynamoDBDocumentClient) =>
      doc.send(new PutCommand({ TableName: TABLE, Item: { pk: 'C#1', sk: 'A' }, ConditionExpression: 'attribute_not_exists(pk)' }));
    await put(fast);
    sdkSend.mockClear();

    const refusal = await put(fast).catch((err: unknown) => err);

    expect(refusal).toBeInstanceOf(ConditionalCheckFailedException);
    expect(refusal).toMatchObject({ name: 'ConditionalCheckFailedException', $metadata: { httpStatusCode: 400, attempts: 1 } });
    expect(sdkSend).toHaveBeenCalledTimes(1);
  });

  it('sends a refused request to the stand-in once: the SDK builds its error from that answer', async () => {
    const put = () =>
      fast.send(new PutCommand({ TableName: TABLE, Item: { pk: 'C#2', sk: 'A' }, ConditionExpression: 'attribute_not_exists(pk)' }));
    await put();
    sent.length = 0;

    await expect(put()).rejects.toBeInstanceOf(ConditionalCheckFailedException);

    expect(sent).toHaveLength(1);
  });

  it('retries a request the stand-in failed as the SDK does: the failed answer is used once, the retry is sent', async () => {
    const failure = JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError' });
    injected.push({ id: 0, status: 500, headers: { 'content-type': 'application/x-amz-json-1.0' }, body: failure });
    sent.length = 0;

    const out = await fast.send(new PutCommand({ TableName: TABLE, Item: { pk: 'R#1', sk: 'A' } }));

    expect(out.$metadata).toMatchObject({ httpStatusCode: 200, attempts: 2 });
    expect(sent).toHaveLength(2);
    const stored = await sdk.send(new GetCommand({ TableName: TABLE, Key: { pk: 'R#1', sk: 'A' }, ConsistentRead: true }));
    expect(stored.Item).toEqual({ pk: 'R#1', sk: 'A' });
  });
});
