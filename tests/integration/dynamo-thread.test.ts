/**
 * The DynamoDB stand-in in its own thread: a captured stream record is in the pending log before the
 * write's answer arrives, and what was never acknowledged comes back at the next start.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureTable } from '../../functions/local/dynamo/dynamo-standin';
import { type DynamoThread, startDynamoThread } from '../../functions/local/dynamo/dynamo-thread';
import { connectTableClients, inProcessClientConfig, localTableClients } from '../../functions/local/dynamo/in-process-handler';
import { localDynamoClient } from '../support/local-dynamo';

const TABLE = 'newswatch';
const STREAM_ARN = 'arn:aws:dynamodb:us-east-1:000000000000:table/newswatch/stream/test';

describe.each([
  ['in its own thread', undefined],
  ['in the runtime thread (NEWSWATCH_DYNAMO_THREAD=off)', 'off'],
])('DynamoDB stand-in %s', (_where, setting) => {
  beforeEach(() => {
    if (setting) process.env.NEWSWATCH_DYNAMO_THREAD = setting;
    else delete process.env.NEWSWATCH_DYNAMO_THREAD;
  });
  afterAll(() => {
    delete process.env.NEWSWATCH_DYNAMO_THREAD;
  });

  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  function folder(): string {
    const dir = mkdtempSync(join(tmpdir(), 'newswatch-dynamo-thread-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    return dir;
  }

  async function start(dataDir: string): Promise<{ thread: DynamoThread; client: DynamoDBClient }> {
    const thread = await startDynamoThread({ dataDir, port: 0, tableName: TABLE, region: 'us-east-1', warn: () => undefined });
    const client = localDynamoClient(`http://${thread.host}:${thread.port}`);
    cleanups.push(async () => {
      client.destroy();
      await thread.close();
    });
    await ensureTable(client, TABLE);
    return { thread, client };
  }

  const putArticle = (client: DynamoDBClient, id: string) =>
    client.send(
      new PutItemCommand({
        TableName: TABLE,
        Item: { pk: { S: `ART#${id}` }, sk: { S: 'A' }, kind: { S: 'article' }, matched: { BOOL: true } },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );

  it('has the stream record of an inserted article in the pending log when the put is answered', async () => {
    const dir = folder();
    const { thread, client } = await start(join(dir, 'dynamodb'));
    const logFile = join(dir, 'pending.jsonl');
    const received: DynamoDBRecord[] = [];
    await thread.startStream(STREAM_ARN, logFile, (records) => received.push(...records));

    await putArticle(client, 'a1');

    const logged = readFileSync(logFile, 'utf8').trim().split('\n');
    expect(logged.map((line) => JSON.parse(line).record.dynamodb.Keys.pk.S)).toEqual(['ART#a1']);
    await expect.poll(() => received.map((r) => r.eventName)).toEqual(['INSERT']);
  });

  it("answers the runtime's own clients in-process, with the record in the pending log before the put is answered", async () => {
    const dir = folder();
    const { thread } = await start(join(dir, 'dynamodb'));
    const logFile = join(dir, 'pending.jsonl');
    await thread.startStream(STREAM_ARN, logFile, () => undefined);
    const inProcess = new DynamoDBClient({ ...inProcessClientConfig, endpoint: 'http://127.0.0.1:9', region: 'us-east-1' });
    localTableClients.prepare?.(inProcess); // as the runtime's clients are made (adapters/table.ts)
    const disconnect = connectTableClients((target, body) => thread.request(target, body));
    cleanups.push(() => {
      disconnect();
      inProcess.destroy();
    });

    // Port 9 (discard) answers nothing: only the in-process route can store and read these.
    await Promise.all(['a1', 'a2', 'a3'].map((id) => putArticle(inProcess, id)));
    const logged = readFileSync(logFile, 'utf8').trim().split('\n');
    // The expectation is attached at once: the refusal may arrive while the read below is awaited.
    const again = expect(putArticle(inProcess, 'a1')).rejects.toMatchObject({ name: 'ConditionalCheckFailedException' });
    const read = await inProcess.send(new GetItemCommand({ TableName: TABLE, Key: { pk: { S: 'ART#a2' }, sk: { S: 'A' } } }));

    expect(logged.map((line) => JSON.parse(line).record.dynamodb.Keys.pk.S).sort()).toEqual(['ART#a1', 'ART#a2', 'ART#a3']);
    await again;
    expect(read.Item?.kind).toEqual({ S: 'article' });
  });

  it('refuses the in-process route once the stand-in is gone', async () => {
    const dir = folder();
    const thread = await startDynamoThread({
      dataDir: join(dir, 'dynamodb'),
      port: 0,
      tableName: TABLE,
      region: 'us-east-1',
      warn: () => undefined,
    });
    await thread.close();

    await expect(thread.request('DynamoDB_20120810.ListTables', '{}')).rejects.toThrow(/stopped/);
  });

  it('hands back the records not acknowledged before a stop, and forgets them once acknowledged', async () => {
    const dir = folder();
    const logFile = join(dir, 'pending.jsonl');
    const first = await start(join(dir, 'dynamodb'));
    await first.thread.startStream(STREAM_ARN, logFile, () => undefined);
    await putArticle(first.client, 'a1');
    first.client.destroy();
    await first.thread.close();

    const second = await start(join(dir, 'dynamodb'));
    const recovered = await second.thread.startStream(STREAM_ARN, logFile, () => undefined);
    expect(recovered.map((r) => r.dynamodb?.Keys?.pk?.S)).toEqual(['ART#a1']);

    second.thread.log.ack(recovered);
    await expect.poll(() => readFileSync(logFile, 'utf8')).toBe('');
  });
});
