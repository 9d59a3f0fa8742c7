/**
 * The stand-in's kept condition parses (functions/local/dynamo/expression-cache.ts): a condition seen
 * before is not parsed again, yet dynalite answers every request as it does without the cache —
 * conditions evaluated against each request's own item, names and values used by a kept condition still
 * count as used, names and values left unused still refused, syntax errors still refused.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTable, startDynalite } from '../../../functions/local/dynamo/dynamo-standin';
import { keepingParses } from '../../../functions/local/dynamo/expression-cache';

type Context = {
  attrNames?: Record<string, string>;
  attrVals?: Record<string, unknown>;
  unusedAttrNames?: Record<string, boolean>;
  unusedAttrVals?: Record<string, boolean>;
  isKeyCondition?: boolean;
};

/**
 * A stand-in parser: uses every name and value the text mentions, as dynalite's parser marks them, and
 * puts each value it uses into its result as it is (the value object itself), as dynalite's does.
 */
function countingParser() {
  const parser = {
    calls: 0,
    parse(input: string, options?: { context?: Context }) {
      parser.calls++;
      if (input.includes('(((')) throw new SyntaxError('unbalanced');
      const args: unknown[] = [];
      for (const token of input.split(/\s+/)) {
        delete options?.context?.unusedAttrNames?.[token];
        delete options?.context?.unusedAttrVals?.[token];
        args.push(token.startsWith(':') ? options?.context?.attrVals?.[token] : token);
      }
      return { expression: { type: 'condition', args: [{ type: 'nested', args }] }, nestedPaths: {} };
    },
  };
  return parser;
}

const contextFor = (names: Record<string, string>, values: Record<string, unknown>): Context => ({
  attrNames: names,
  attrVals: values,
  unusedAttrNames: Object.fromEntries(Object.keys(names).map((k) => [k, true])),
  unusedAttrVals: Object.fromEntries(Object.keys(values).map((k) => [k, true])),
});

describe('kept condition parses', () => {
  it('parses a condition once for the same names and values, and marks what it uses every time', () => {
    const parser = countingParser();
    const parse = keepingParses(parser.parse);
    const first = contextFor({ '#v': 'version' }, { ':v': { N: '1' }, ':other': { S: 'x' } });
    const second = contextFor({ '#v': 'version' }, { ':v': { N: '1' }, ':other': { S: 'x' } });

    const a = parse('#v = :v', { context: first });
    const b = parse('#v = :v', { context: second });

    expect(parser.calls).toBe(1);
    expect(b).toEqual(a);
    expect(second.unusedAttrNames).toEqual({});
    expect(second.unusedAttrVals).toEqual({ ':other': true });
  });

  it("binds each request's own values into a condition kept for values of the same types, leaving the kept one as it was", () => {
    const parser = countingParser();
    const parse = keepingParses(parser.parse);
    const stale = { N: '100' };
    const later = { N: '200' };
    const text = 'attribute_not_exists(pk) OR #s = :p AND claimedAt < :stale';
    const names = { '#s': 'status' };

    const first = parse(text, { context: contextFor(names, { ':p': { S: 'publishing' }, ':stale': stale }) }) as Record<string, any>;
    const second = parse(text, { context: contextFor(names, { ':p': { S: 'publishing' }, ':stale': later }) }) as Record<string, any>;
    const third = parse(text, { context: contextFor(names, { ':p': { S: 'publishing' }, ':stale': stale }) }) as Record<string, any>;

    expect(parser.calls).toBe(1);
    expect(second.expression.args[0].args.at(-1)).toBe(later);
    expect(first.expression.args[0].args.at(-1)).toBe(stale);
    expect(third.expression.args[0].args.at(-1)).toBe(stale);
    expect(second.nestedPaths).toBe(first.nestedPaths);
  });

  it('parses again when a value has another type, and keeps BETWEEN and attribute_type by their values', () => {
    const parser = countingParser();
    const parse = keepingParses(parser.parse);

    parse('#v = :v', { context: contextFor({ '#v': 'version' }, { ':v': { N: '1' } }) });
    parse('#v = :v', { context: contextFor({ '#v': 'version' }, { ':v': { S: '1' } }) });
    parse('n BETWEEN :a AND :b', { context: contextFor({}, { ':a': { N: '1' }, ':b': { N: '2' } }) });
    parse('n BETWEEN :a AND :b', { context: contextFor({}, { ':a': { N: '3' }, ':b': { N: '2' } }) });
    parse('attribute_type(n, :t)', { context: contextFor({}, { ':t': { S: 'N' } }) });
    parse('attribute_type(n, :t)', { context: contextFor({}, { ':t': { S: 'X' } }) });

    expect(parser.calls).toBe(6);
  });

  it('never keeps a failed parse or a key condition', () => {
    const parser = countingParser();
    const parse = keepingParses(parser.parse);

    for (let i = 0; i < 2; i++) expect(() => parse('(((', { context: contextFor({}, {}) })).toThrow(SyntaxError);
    for (let i = 0; i < 2; i++) parse('pk = :pk', { context: { ...contextFor({}, { ':pk': { S: 'a' } }), isKeyCondition: true } });

    expect(parser.calls).toBe(4);
  });
});

describe('dynalite with kept condition parses', () => {
  let dir: string;
  let dynalite: Awaited<ReturnType<typeof startDynalite>>;
  let client: DynamoDBClient;
  const TableName = 'parses';
  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => 'ok',
      (err: Error) => `${err.name}: ${err.message}`,
    );

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'newswatch-parses-'));
    dynalite = await startDynalite(dir, 0);
    client = new DynamoDBClient({
      endpoint: `http://${dynalite.host}:${dynalite.port}`,
      region: 'us-east-1',
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    });
    await ensureTable(client, TableName);
  });

  afterAll(async () => {
    client?.destroy();
    await dynalite?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('evaluates a kept condition against each request’s own item', async () => {
    const put = (pk: string) =>
      refusal(
        client.send(
          new PutItemCommand({ TableName, Item: { pk: { S: pk }, sk: { S: 'A' } }, ConditionExpression: 'attribute_not_exists(pk)' }),
        ),
      );

    expect([await put('one'), await put('two'), await put('one')]).toEqual([
      'ok',
      'ok',
      'ConditionalCheckFailedException: The conditional request failed',
    ]);
  });

  it('decides a condition kept for values of the same types by each request’s own values', async () => {
    const claim = (claimedAt: string, stale: string) =>
      refusal(
        client.send(
          new PutItemCommand({
            TableName,
            Item: { pk: { S: 'claim' }, sk: { S: 'A' }, status: { S: 'publishing' }, claimedAt: { N: claimedAt } },
            ConditionExpression: 'attribute_not_exists(pk) OR (#status = :publishing AND claimedAt < :stale)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':publishing': { S: 'publishing' }, ':stale': { N: stale } },
          }),
        ),
      );

    expect([await claim('100', '0'), await claim('200', '100'), await claim('300', '150'), await claim('400', '350')]).toEqual([
      'ok',
      'ConditionalCheckFailedException: The conditional request failed',
      'ok',
      'ok',
    ]);
  });

  it('counts a name as used by a kept condition even when another expression of the first request used it too', async () => {
    const update = (UpdateExpression: string) =>
      refusal(
        client.send(
          new UpdateItemCommand({
            TableName,
            Key: { pk: { S: 'names' }, sk: { S: 'A' } },
            UpdateExpression,
            ConditionExpression: 'attribute_not_exists(#n) OR #n = :v',
            ExpressionAttributeNames: { '#n': 'note' },
            ExpressionAttributeValues: { ':v': { S: 'x' } },
          }),
        ),
      );

    expect(await update('SET #n = :v')).toBe('ok');
    expect(await update('SET remark = :v')).toBe('ok');
  });

  it('still refuses a value no expression uses, and a condition that does not parse', async () => {
    const put = (ConditionExpression: string, values: Record<string, { S: string }>) =>
      refusal(
        client.send(
          new PutItemCommand({
            TableName,
            Item: { pk: { S: 'refused' }, sk: { S: 'A' } },
            ConditionExpression,
            ExpressionAttributeValues: values,
          }),
        ),
      );

    expect(await put('pk <> :a', { ':a': { S: 'x' } })).toBe('ok');
    expect(await put('pk <> :a', { ':a': { S: 'x' }, ':unused': { S: 'y' } })).toMatch(
      /ValidationException: .*unused in expressions: keys: \{:unused\}/,
    );
    expect(await put('pk <> :a AND (', { ':a': { S: 'x' } })).toMatch(/ValidationException: Invalid ConditionExpression: Syntax error/);
  });
});
