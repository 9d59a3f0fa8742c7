/**
 * The stand-in's compiled type checks (functions/local/dynamo/type-checks.ts) give dynalite's own
 * `checkTypes` answer for every request: the same copy (fields, order, floored integers) for requests
 * the handlers send, and for anything else — wrong types, nulls, unknown fields, values dynalite
 * converts, `__proto__` keys, non-canonical base64 — dynalite's own result or SerializationException,
 * with the request left as dynalite leaves it. Each request is checked against every operation the
 * handlers use, with dynalite's own type descriptions.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { compiledCheckTypes, readsBackSame, type TypeSpec } from '../../../functions/local/dynamo/type-checks';

const require = createRequire(import.meta.url);
type Types = Record<string, TypeSpec>;
type CheckTypes = (data: unknown, types: Types) => unknown;
const dynalite: CheckTypes = require('dynalite/validations').checkTypes;
const OPERATIONS = ['putItem', 'getItem', 'updateItem', 'deleteItem', 'query', 'batchGetItem', 'batchWriteItem', 'scan', 'createTable'];
const typesOf = (operation: string): Types => require(`dynalite/validations/${operation}`).types;

/** What a check did: its result or its error's status and body, and the request as the check left it. */
function outcome(check: CheckTypes, request: unknown, types: Types) {
  const copy = structuredClone(request);
  try {
    const result = check(copy, types);
    return { result: JSON.stringify(result), left: JSON.stringify(copy) };
  } catch (err) {
    const { statusCode, body, message } = err as { statusCode?: number; body?: unknown; message: string };
    return { error: { statusCode, body, message }, left: JSON.stringify(copy) };
  }
}

const article = {
  pk: { S: 'ART#a1' },
  sk: { S: 'A' },
  kind: { S: 'article' },
  title: { S: 'Виктор Бут' },
  body: { B: Buffer.from('compressed body').toString('base64') },
  version: { N: '3' },
  test: { BOOL: false },
  gone: { NULL: true },
  people: { L: [{ S: 'ada' }, { M: { deep: { L: [{ N: '1' }, { BOOL: true }] } } }] },
  tags: { SS: ['a', 'b'] },
  scores: { NS: ['1', '2.5'] },
  blobs: { BS: ['AQ==', 'AgM='] },
  meta: { M: { '1': { S: 'numeric key' }, name: { S: 'x' } } },
};

/** Requests as the handlers send them (the fast path's DynamoDB JSON). */
const VALID: Array<[string, unknown]> = [
  ['putItem', { TableName: 'newswatch', Item: article, ConditionExpression: 'attribute_not_exists(pk)' }],
  ['putItem', { Item: article, TableName: 'newswatch', ReturnValues: 'ALL_OLD' }],
  ['getItem', { TableName: 'newswatch', Key: { pk: { S: 'a' }, sk: { S: 'A' } }, ConsistentRead: true, ProjectionExpression: 'n' }],
  [
    'updateItem',
    {
      TableName: 'newswatch',
      Key: { pk: { S: 'a' }, sk: { S: 'A' } },
      UpdateExpression: 'SET #s = :v',
      ConditionExpression: '#t = :t',
      ExpressionAttributeNames: { '#s': 'status', '#t': 'token' },
      ExpressionAttributeValues: { ':v': { S: 'published' }, ':t': { S: 'tok' } },
      ReturnValues: 'ALL_NEW',
    },
  ],
  ['deleteItem', { TableName: 'newswatch', Key: { pk: { S: 'a' }, sk: { S: 'A' } } }],
  [
    'query',
    {
      TableName: 'newswatch',
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': { S: 'p' } },
      Limit: 25.7,
      ScanIndexForward: false,
      ExclusiveStartKey: { pk: { S: 'p' }, sk: { S: '2' } },
    },
  ],
  [
    'batchGetItem',
    {
      RequestItems: {
        newswatch: {
          Keys: [
            { pk: { S: 'a' }, sk: { S: 'A' } },
            { pk: { S: 'b' }, sk: { S: 'A' } },
          ],
          ConsistentRead: true,
        },
      },
    },
  ],
  [
    'batchWriteItem',
    {
      RequestItems: {
        newswatch: [{ PutRequest: { Item: article } }, { DeleteRequest: { Key: { pk: { S: 'a' }, sk: { S: 'A' } } } }],
        other: [{ PutRequest: { Item: { pk: { S: 'x' } } } }],
      },
      ReturnConsumedCapacity: 'NONE',
    },
  ],
  ['scan', { TableName: 'newswatch', Select: 'COUNT', Segment: 0, TotalSegments: 2 }],
  [
    'createTable',
    {
      TableName: 'newswatch',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      ProvisionedThroughput: { ReadCapacityUnits: 5.5, WriteCapacityUnits: 1 },
    },
  ],
];

/** Each a way a request differs from dynalite's own form (some refused, some converted or stripped). */
const VARIANTS: Array<[string, (request: Record<string, any>) => void]> = [
  ['an unknown top-level field', (r) => (r.Unknown = 1)],
  ['a null top-level field', (r) => (r.TableName = null)],
  ['a number for a string', (r) => (r.TableName = 5)],
  ['a boolean given as text', (r) => (r.ConsistentRead = 'yes')],
  ['a boolean given as a number', (r) => (r.ConsistentRead = 1)],
  ['a string for an integer', (r) => (r.Limit = '5')],
  ['an array for a map', (r) => (r.Item = [])],
  [
    'a map for a list',
    (r) => {
      if (r.Item) r.Item.people = { L: { a: 1 } };
    },
  ],
  [
    'an unknown attribute type',
    (r) => {
      if (r.Item) r.Item.x = { Z: 'z' };
    },
  ],
  [
    'two attribute types',
    (r) => {
      if (r.Item) r.Item.x = { S: 'a', N: '1' };
    },
  ],
  [
    'an empty attribute value',
    (r) => {
      if (r.Item) r.Item.x = {};
    },
  ],
  [
    'a null attribute type',
    (r) => {
      if (r.Item) r.Item.x = { S: null, N: '1' };
    },
  ],
  [
    'a null attribute value',
    (r) => {
      if (r.Item) r.Item.x = null;
    },
  ],
  [
    'a null list element',
    (r) => {
      if (r.Item) r.Item.people = { L: [null, { S: 'a' }] };
    },
  ],
  [
    'a number in a string set',
    (r) => {
      if (r.Item) r.Item.tags = { SS: ['a', 1] };
    },
  ],
  [
    'base64 with a bad length',
    (r) => {
      if (r.Item) r.Item.body = { B: 'abc' };
    },
  ],
  [
    'base64 that does not read back',
    (r) => {
      if (r.Item) r.Item.body = { B: 'AB==' };
    },
  ],
  ['a __proto__ attribute', (r) => r.Item && Object.defineProperty(r.Item, '__proto__', { value: { S: 'p' }, enumerable: true })],
  ['an object for a key', (r) => (r.Key = 'key')],
  [
    'a string for a write list',
    (r) => {
      if (r.RequestItems) r.RequestItems.newswatch = 'writes';
    },
  ],
  [
    'an unknown write request field',
    (r) => {
      if (r.RequestItems?.newswatch?.[0]) r.RequestItems.newswatch[0].Other = {};
    },
  ],
  [
    'a null put request',
    (r) => {
      if (r.RequestItems?.newswatch?.[0]) r.RequestItems.newswatch[0].PutRequest = null;
    },
  ],
  ['a non-object request', (r) => Object.setPrototypeOf(r, Array.prototype)],
];

describe("the stand-in's compiled type checks", () => {
  const compiled = compiledCheckTypes(dynalite);

  it("copies every request the handlers send exactly as dynalite's checkTypes does, for every operation", () => {
    for (const [operation, request] of VALID) {
      for (const types of OPERATIONS.map(typesOf)) {
        expect(outcome(compiled, request, types)).toEqual(outcome(dynalite, request, types));
      }
      const own = outcome(compiled, request, typesOf(operation));
      expect(own.error).toBeUndefined();
    }
  });

  it("checks the handlers' requests without dynalite's interpreter", () => {
    const interpreted: string[] = [];
    const watched = compiledCheckTypes((data, types) => {
      interpreted.push(JSON.stringify(data).slice(0, 40));
      return dynalite(data, types);
    });

    for (const [operation, request] of VALID) watched(structuredClone(request), typesOf(operation));

    expect(interpreted).toEqual([]);
  });

  it('floors integers and keeps the description order of fields, as dynalite does', () => {
    const out = compiled({ Limit: 25.7, TableName: 'newswatch', KeyConditionExpression: 'pk = :pk' }, typesOf('query'));

    expect(JSON.stringify(out)).toBe(
      JSON.stringify(dynalite({ Limit: 25.7, TableName: 'newswatch', KeyConditionExpression: 'pk = :pk' }, typesOf('query'))),
    );
    expect(out).toMatchObject({ Limit: 25 });
    const created = compiled(VALID.find(([operation]) => operation === 'createTable')![1], typesOf('createTable'));
    expect(created).toMatchObject({ ProvisionedThroughput: { ReadCapacityUnits: 5 } });
  });

  it("gives dynalite's own result or refusal for requests in any other form, and leaves them as dynalite does", () => {
    for (const [operation, request] of VALID) {
      for (const [name, change] of VARIANTS) {
        const changed = structuredClone(request) as Record<string, any>;
        change(changed);
        const types = typesOf(operation);
        expect({ name, operation, ...outcome(compiled, changed, types) }).toEqual({
          name,
          operation,
          ...outcome(dynalite, changed, types),
        });
      }
    }
  });

  it('tells base64 that reads back the same as dynalite does (decoded and encoded again), without decoding it', () => {
    const roundTrip = (v: string) => v.length % 4 === 0 && Buffer.from(v, 'base64').toString('base64') === v;
    // Every character Node's decoder takes or skips: the standard and URL alphabets, padding, space, others.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_= \n.*é';
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const samples = ['', '====', 'AA==', 'AB==', 'AAA=', 'AAB=', 'AAAA', 'A===', 'AA=A', 'QQ==QQ==', 'YWJj', 'YW Jj', 'YW-_', 'YW+/'];
    // Every character before the padding, which random strings seldom end with: only those without stray bits read back the same.
    for (const c of alphabet.slice(0, 64)) samples.push(`AA${c}=`, `A${c}==`);
    for (let i = 0; i < 20_000; i++) {
      const length = 4 * Math.floor(random() * 4) + (random() < 0.2 ? Math.floor(random() * 4) : 0);
      let text = '';
      for (let j = 0; j < length; j++) text += alphabet[Math.floor(random() * (random() < 0.8 ? 64 : alphabet.length))];
      samples.push(text, Buffer.from(text).toString('base64'));
    }
    const differing = samples.filter((v) => readsBackSame(v) !== roundTrip(v));
    expect(differing).toEqual([]);
    expect(samples.filter(readsBackSame).length).toBeGreaterThan(20_000);
  });
});
