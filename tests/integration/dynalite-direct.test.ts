/**
 * The runtime's own table requests reach dynalite's operations without its HTTP handler
 * (functions/local/dynamo/dynalite-direct.ts): every answer — status, body, checksum, content type and
 * length, a request id of dynalite's form — is what dynalite's handler gives the same request, for
 * reads, writes, batches, refused conditions and invalid requests alike; requests the handler refuses
 * before its checks (not JSON, unknown operations) are left to it. Two stores get the same requests,
 * one directly, one through dynalite's handler on its port.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DirectDynalite } from '../../functions/local/dynamo/dynalite-direct';
import type { DynaliteServer } from '../../functions/local/dynamo/dynalite-server';
import { startDynalite } from '../../functions/local/dynamo/dynamo-standin';
import { createTableAt } from '../support/local-dynamo';

const TABLE = 'newswatch';
const HEADERS = {
  'content-type': 'application/x-amz-json-1.0',
  authorization: 'AWS4-HMAC-SHA256 Credential=local/20240101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=local',
  'x-amz-date': '20240101T000000Z',
};
const REQUEST_ID = /^[A-Z0-9]{52}$/;
const crc32: { unsigned(text: string): number } = createRequire(require.resolve('dynalite'))('buffer-crc32');

/**
 * An answer as compared: BatchGetItem lists the items it found in the order its reads finish, which
 * DynamoDB leaves unspecified too, so they are compared in key order (the checksum then is checked
 * against the answer's own body).
 */
function comparable(operation: string, answer: { body: string; crc32: string | null }) {
  if (operation !== 'BatchGetItem') return answer;
  const parsed = JSON.parse(answer.body) as { Responses?: Record<string, unknown[]> };
  for (const items of Object.values(parsed.Responses ?? {})) items.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  expect(answer.crc32).toBe(String(crc32.unsigned(answer.body)));
  return { ...answer, body: parsed, crc32: 'checked' };
}

const key = (pk: string) => ({ pk: { S: pk }, sk: { S: 'A' } });
const item = (pk: string, extra: Record<string, unknown> = {}) => ({
  ...key(pk),
  kind: { S: 'article' },
  body: { B: Buffer.from('bytes').toString('base64') },
  tags: { SS: ['a', 'b'] },
  nested: { M: { list: { L: [{ N: '1' }, { BOOL: true }] } } },
  ...extra,
});

/** [operation, request body]: what the handlers send, and what dynalite refuses. */
const REQUESTS: Array<[string, unknown]> = [
  ['PutItem', { TableName: TABLE, Item: item('a'), ConditionExpression: 'attribute_not_exists(pk)' }],
  ['PutItem', { TableName: TABLE, Item: item('a'), ConditionExpression: 'attribute_not_exists(pk)' }],
  ['PutItem', { TableName: TABLE, Item: item('b', { n: { N: '2' } }), ReturnValues: 'ALL_OLD' }],
  ['PutItem', { TableName: TABLE, Item: item('b', { n: { N: '3' } }), ReturnValues: 'ALL_OLD' }],
  ['GetItem', { TableName: TABLE, Key: key('a'), ConsistentRead: true }],
  ['GetItem', { TableName: TABLE, Key: key('missing') }],
  [
    'UpdateItem',
    {
      TableName: TABLE,
      Key: key('b'),
      UpdateExpression: 'SET #s = :s ADD n :one',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':s': { S: 'published' }, ':one': { N: '1' } },
      ReturnValues: 'ALL_NEW',
    },
  ],
  ['Query', { TableName: TABLE, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': { S: 'b' } } }],
  ['BatchWriteItem', { RequestItems: { [TABLE]: [{ PutRequest: { Item: item('c') } }, { DeleteRequest: { Key: key('a') } }] } }],
  ['BatchGetItem', { RequestItems: { [TABLE]: { Keys: [key('a'), key('b'), key('c')], ConsistentRead: true } } }],
  ['Scan', { TableName: TABLE, Select: 'COUNT' }],
  ['DeleteItem', { TableName: TABLE, Key: key('c'), ReturnValues: 'ALL_OLD' }],
  ['PutItem', { TableName: TABLE, Item: { ...key('d'), empty: {} } }],
  ['PutItem', { TableName: TABLE, Item: { ...key('d'), n: { N: 'not a number' } } }],
  ['PutItem', { Item: item('d') }],
  ['PutItem', { TableName: 'missing-table', Item: item('d') }],
  ['GetItem', { TableName: TABLE, Key: key('a'), ConsistentRead: 'yes' }],
  ['GetItem', { TableName: TABLE, Key: key('a'), Unknown: 1 }],
  ['UpdateItem', { TableName: TABLE, Key: key('b'), UpdateExpression: 'SET (((', ExpressionAttributeValues: { ':x': { S: 'x' } } }],
  [
    'Query',
    { TableName: TABLE, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': { S: 'b' }, ':unused': { S: 'u' } } },
  ],
  // Batches written at once (batch-writes.ts): overwrites, deletes of items there and not there, and every refusal.
  ['BatchWriteItem', { RequestItems: { [TABLE]: [{ PutRequest: { Item: item('e') } }, { PutRequest: { Item: item('f') } }] } }],
  [
    'BatchWriteItem',
    {
      RequestItems: {
        [TABLE]: [
          { PutRequest: { Item: item('e', { n: { N: '9' } }) } },
          { DeleteRequest: { Key: key('f') } },
          { DeleteRequest: { Key: key('never-there') } },
          { PutRequest: { Item: item('g') } },
        ],
      },
      ReturnConsumedCapacity: 'NONE',
      ReturnItemCollectionMetrics: 'SIZE',
    },
  ],
  ['BatchWriteItem', { RequestItems: { [TABLE]: [{ PutRequest: { Item: item('h') } }, { DeleteRequest: { Key: key('h') } }] } }],
  ['BatchWriteItem', { RequestItems: { [TABLE]: [{ PutRequest: { Item: item('i') } }, { PutRequest: { Item: { pk: { S: 'j' } } } }] } }],
  ['BatchWriteItem', { RequestItems: { [TABLE]: [{ PutRequest: { Item: { ...item('k'), sk: { N: '1' } } } }] } }],
  ['BatchWriteItem', { RequestItems: { [TABLE]: [{ DeleteRequest: { Key: { pk: { S: '' }, sk: { S: 'A' } } } }] } }],
  ['BatchWriteItem', { RequestItems: { 'missing-table': [{ PutRequest: { Item: item('l') } }] } }],
  [
    'BatchWriteItem',
    { RequestItems: { [TABLE]: [{ PutRequest: { Item: item('m') } }], 'missing-table': [{ PutRequest: { Item: item('m') } }] } },
  ],
  [
    'BatchWriteItem',
    {
      RequestItems: { [TABLE]: [{ PutRequest: { Item: item('n') } }, { DeleteRequest: { Key: key('e') } }] },
      ReturnConsumedCapacity: 'TOTAL',
    },
  ],
  ['BatchWriteItem', { RequestItems: { [TABLE]: [{}] } }],
  // Puts and deletes written at once (item-writes.ts): conditions met and refused (with values, names and
  // the legacy Expected), old items answered or not, unconditional deletes of items there and not there,
  // every refusal, and the requests left to dynalite.
  ['PutItem', { TableName: TABLE, Item: item('p', { version: { N: '1' } }), ConditionExpression: 'attribute_not_exists(pk)' }],
  [
    'PutItem',
    {
      TableName: TABLE,
      Item: item('p', { version: { N: '2' } }),
      ConditionExpression: '#v = :v',
      ExpressionAttributeNames: { '#v': 'version' },
      ExpressionAttributeValues: { ':v': { N: '1' } },
      ReturnValues: 'ALL_OLD',
    },
  ],
  [
    'PutItem',
    {
      TableName: TABLE,
      Item: item('p', { version: { N: '3' } }),
      ConditionExpression: 'attribute_not_exists(pk) OR (version = :old AND kind < :kind)',
      ExpressionAttributeValues: { ':old': { N: '1' }, ':kind': { S: 'b' } },
    },
  ],
  ['PutItem', { TableName: TABLE, Item: item('p', { version: { N: '4' } }), Expected: { version: { Value: { N: '2' } } } }],
  ['PutItem', { TableName: TABLE, Item: item('p', { version: { N: '5' } }), Expected: { version: { Value: { N: '2' } } } }],
  ['PutItem', { TableName: TABLE, Item: item('q'), ReturnValues: 'ALL_OLD', ReturnConsumedCapacity: 'NONE' }],
  ['PutItem', { TableName: TABLE, Item: item('q', { n: { N: '7' } }), ReturnValues: 'NONE', ReturnItemCollectionMetrics: 'SIZE' }],
  ['PutItem', { TableName: TABLE, Item: item('q', { n: { N: '8' } }), ReturnConsumedCapacity: 'TOTAL', ReturnValues: 'ALL_OLD' }],
  ['PutItem', { TableName: TABLE, Item: { pk: { S: 'r' } } }],
  ['PutItem', { TableName: TABLE, Item: { ...item('r'), sk: { N: '1' } } }],
  ['PutItem', { TableName: TABLE, Item: { ...item('r'), pk: { S: '' } } }],
  [
    'PutItem',
    { TableName: TABLE, Item: item('r'), ConditionExpression: 'attribute_not_exists(pk)', ExpressionAttributeValues: { ':u': { S: 'u' } } },
  ],
  [
    'PutItem',
    { TableName: TABLE, Item: item('r'), ConditionExpression: 'size(kind) > :n', ExpressionAttributeValues: { ':n': { N: '1' } } },
  ],
  ['DeleteItem', { TableName: TABLE, Key: key('q') }],
  ['DeleteItem', { TableName: TABLE, Key: key('q') }],
  ['DeleteItem', { TableName: TABLE, Key: key('never-there'), ReturnValues: 'ALL_OLD' }],
  ['DeleteItem', { TableName: TABLE, Key: key('p'), ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': { N: '9' } } }],
  ['DeleteItem', { TableName: TABLE, Key: key('r'), ConditionExpression: 'attribute_exists(pk)', ReturnValues: 'ALL_OLD' }],
  ['DeleteItem', { TableName: TABLE, Key: { ...key('p'), extra: { S: 'x' } } }],
  ['DeleteItem', { TableName: TABLE, Key: { pk: { S: 'p' } } }],
  ['DeleteItem', { TableName: TABLE, Key: key('p'), ReturnConsumedCapacity: 'INDEXES' }],
  ['DeleteItem', { TableName: 'missing-table', Key: key('p') }],
  ['Scan', { TableName: TABLE }],
  // Batches read at once (batch-reads.ts), and the ones left to dynalite.
  ['BatchGetItem', { RequestItems: { [TABLE]: { Keys: [key('e'), key('g'), key('never-there'), key('b')] } } }],
  ['BatchGetItem', { RequestItems: { [TABLE]: { Keys: [key('never-there')], ConsistentRead: true } } }],
  ['BatchGetItem', { RequestItems: { [TABLE]: { Keys: [key('e'), { pk: { N: '1' }, sk: { S: 'A' } }] } } }],
  ['BatchGetItem', { RequestItems: { [TABLE]: { Keys: [key('e'), { pk: { S: 'e' } }] } } }],
  ['BatchGetItem', { RequestItems: { [TABLE]: { Keys: [key('e'), key('e')] } } }],
  ['BatchGetItem', { RequestItems: { 'missing-table': { Keys: [key('e')] } } }],
  ['BatchGetItem', { RequestItems: { [TABLE]: { Keys: [key('e')] }, 'missing-table': { Keys: [key('e')] } } }],
  [
    'BatchGetItem',
    {
      RequestItems: { [TABLE]: { Keys: [key('e'), key('g')], ProjectionExpression: 'kind, #n', ExpressionAttributeNames: { '#n': 'n' } } },
    },
  ],
  ['BatchGetItem', { RequestItems: { [TABLE]: { Keys: [key('e'), key('g')], AttributesToGet: ['kind'] } } }],
  ['BatchGetItem', { RequestItems: { [TABLE]: { Keys: [key('e'), key('g')] } }, ReturnConsumedCapacity: 'TOTAL' }],
];

describe("dynalite's operations without its HTTP handler", () => {
  const dirs = [mkdtempSync(join(tmpdir(), 'newswatch-direct-')), mkdtempSync(join(tmpdir(), 'newswatch-handler-'))];
  let directServer: DynaliteServer;
  let handlerServer: DynaliteServer;
  let direct: DirectDynalite | undefined;

  beforeAll(async () => {
    directServer = await startDynalite(dirs[0]!, 0, (_http, route) => {
      direct = route;
    });
    handlerServer = await startDynalite(dirs[1]!, 0);
    for (const server of [directServer, handlerServer]) await createTableAt(`http://127.0.0.1:${server.port}`, TABLE);
  });
  afterAll(async () => {
    await directServer.close();
    await handlerServer.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  const viaHandler = async (target: string, body: string) => {
    const response = await fetch(`http://127.0.0.1:${handlerServer.port}/`, {
      method: 'POST',
      headers: { ...HEADERS, 'x-amz-target': target },
      body,
    });
    const text = await response.text();
    return {
      status: response.status,
      body: text,
      crc32: response.headers.get('x-amz-crc32'),
      type: response.headers.get('content-type'),
      length: response.headers.get('content-length'),
      id: REQUEST_ID.test(response.headers.get('x-amzn-requestid') ?? ''),
    };
  };
  /** `parsed`: the body handed over already parsed (as the stream capture does), with a string that is no JSON beside it. */
  const viaDirect = async (target: string, body: string, parsed = false) => {
    const answer = await (parsed ? direct!.call(target, '{not json', JSON.parse(body)) : direct!.call(target, body))!;
    return {
      status: answer.status,
      body: answer.body,
      crc32: String(answer.headers['x-amz-crc32']),
      type: answer.headers['content-type'],
      length: String(answer.headers['content-length']),
      id: REQUEST_ID.test(String(answer.headers['x-amzn-requestid'])),
    };
  };

  it("answers each request exactly as dynalite's handler does, refusals included, whether its body comes as text or parsed", async () => {
    expect(direct).toBeDefined();
    for (const [index, [operation, request]] of REQUESTS.entries()) {
      const target = `DynamoDB_20120810.${operation}`;
      const body = JSON.stringify(request);
      const [fromHandler, fromDirect] = [await viaHandler(target, body), await viaDirect(target, body, index % 2 === 1)];

      expect({ operation, request, ...comparable(operation, fromDirect) }).toEqual({
        operation,
        request,
        ...comparable(operation, fromHandler),
      });
      expect(fromDirect.id).toBe(true);
    }
  });

  it('cuts a batch read at the size one answer may hold as dynalite does: the same number of items answered and left unprocessed', async () => {
    const big = (pk: string) => ({ ...key(pk), text: { S: 'x'.repeat(390_000) } });
    const keys = ['big1', 'big2', 'big3', 'big4', 'big5'];
    const put = (pk: string) => JSON.stringify({ TableName: TABLE, Item: big(pk) });
    for (const pk of keys) {
      await viaHandler('DynamoDB_20120810.PutItem', put(pk));
      await viaDirect('DynamoDB_20120810.PutItem', put(pk));
    }
    const read = JSON.stringify({ RequestItems: { [TABLE]: { Keys: keys.map(key), ConsistentRead: true } } });
    const shape = (body: string) => {
      const answer = JSON.parse(body) as {
        Responses: Record<string, Array<{ pk: { S: string } }>>;
        UnprocessedKeys: Record<string, { Keys: Array<{ pk: { S: string } }>; ConsistentRead?: boolean }>;
      };
      const left = answer.UnprocessedKeys[TABLE];
      const pks = [...answer.Responses[TABLE]!.map((i) => i.pk.S), ...(left?.Keys ?? []).map((k) => k.pk.S)].sort();
      return { answered: answer.Responses[TABLE]!.length, unprocessed: left?.Keys.length, consistent: left?.ConsistentRead, pks };
    };
    const [fromHandler, fromDirect] = [
      await viaHandler('DynamoDB_20120810.BatchGetItem', read),
      await viaDirect('DynamoDB_20120810.BatchGetItem', read),
    ];
    expect(shape(fromDirect.body)).toEqual(shape(fromHandler.body));
    expect(shape(fromDirect.body)).toMatchObject({ answered: 3, unprocessed: 2, consistent: true, pks: keys });
  });

  it('leaves to the handler what it refuses before its checks: not JSON, unknown operations, other API versions', () => {
    expect(direct!.call('DynamoDB_20120810.GetItem', '{not json')).toBeUndefined();
    expect(direct!.call('DynamoDB_20120810.Frobnicate', '{}')).toBeUndefined();
    expect(direct!.call('DynamoDB_20120810.DescribeTable', JSON.stringify({ TableName: TABLE }))).toBeUndefined();
    expect(direct!.call('DynamoDB_20111205.GetItem', '{}')).toBeUndefined();
    expect(direct!.call('DynamoDB_20120810.GetItem', 'null')).toBeUndefined();
  });
});
