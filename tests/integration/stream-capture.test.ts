/**
 * The stream capture in front of dynalite (functions/local/dynamo/dynamo-capture.ts), called in-process
 * as the runtime's own clients reach it: a put reports INSERT or MODIFY only for items a stream consumer
 * can see, and every put is answered as DynamoDB would answer it (no old item unless asked for).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DynamoCall, installStreamCapture } from '../../functions/local/dynamo/dynamo-capture';
import { startDynalite } from '../../functions/local/dynamo/dynamo-standin';
import type { DynaliteServer } from '../../functions/local/dynamo/dynalite-server';
import type { ObservedWrite } from '../../functions/local/stream/stream-records';
import { createTableAt } from '../support/local-dynamo';

const TABLE = 'newswatch';
const HEADERS = {
  'content-type': 'application/x-amz-json-1.0',
  authorization: 'AWS4-HMAC-SHA256 Credential=local/20240101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=local',
  'x-amz-date': '20240101T000000Z',
};

describe('the stream capture', () => {
  const dir = mkdtempSync(join(tmpdir(), 'newswatch-capture-'));
  const writes: ObservedWrite[] = [];
  let server: DynaliteServer;
  let call: DynamoCall;

  beforeAll(async () => {
    server = await startDynalite(dir, 0, (http) => {
      call = installStreamCapture(http, {
        tableName: TABLE,
        keysOf: (item) => ({ pk: item.pk, sk: item.sk }),
        isCandidate: (item) => JSON.stringify([item.kind, item.matched]) === JSON.stringify([{ S: 'article' }, { BOOL: true }]),
        onWrites: (observed) => writes.push(...observed),
        warn: () => undefined,
      });
    });
    await createTableAt(`http://127.0.0.1:${server.port}`, TABLE);
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const put = async (item: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
    const body = JSON.stringify({ TableName: TABLE, Item: item, ...extra });
    const answer = await call({ headers: { ...HEADERS, 'x-amz-target': 'DynamoDB_20120810.PutItem' }, url: '/', body });
    return { status: answer.status, body: JSON.parse(answer.body) as Record<string, unknown> };
  };
  const article = (id: string) => ({ pk: { S: `ART#${id}` }, sk: { S: 'A' }, kind: { S: 'article' }, matched: { BOOL: true } });
  const story = (title: string) => ({ pk: { S: 'STORY#s1' }, sk: { S: 'S' }, kind: { S: 'story' }, title: { S: title } });

  it('reports a new matched article as INSERT and its overwrite as MODIFY, answering without the old item', async () => {
    writes.length = 0;
    const first = await put(article('a1'));
    const again = await put(article('a1'));

    expect(writes.map((w) => [w.eventName, w.keys.pk])).toEqual([
      ['INSERT', { S: 'ART#a1' }],
      ['MODIFY', { S: 'ART#a1' }],
    ]);
    expect([first, again]).toEqual([
      { status: 200, body: {} },
      { status: 200, body: {} },
    ]);
  });

  it('reports nothing for an item no stream consumer sees, and answers its overwrite as dynalite does', async () => {
    writes.length = 0;
    await put(story('first'));
    const plain = await put(story('second'));
    const asked = await put(story('third'), { ReturnValues: 'ALL_OLD' });

    expect(writes).toEqual([]);
    expect(plain).toEqual({ status: 200, body: {} });
    expect(asked).toEqual({ status: 200, body: { Attributes: story('second') } });
  });

  it('gives the old article back when the caller asks for it', async () => {
    await put(article('a2'));
    const asked = await put(article('a2'), { ReturnValues: 'ALL_OLD' });

    expect(asked.body).toEqual({ Attributes: article('a2') });
  });
});
