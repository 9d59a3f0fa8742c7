/**
 * dynalite answers CreateTable while the table is still CREATING and makes it ACTIVE on a timer; until
 * then every item operation is refused with "Requested resource not found". ensureTable
 * (functions/local/dynamo/dynamo-standin.ts) resolves only once the table is ACTIVE, so the first item
 * request after it (the runtime's start, bench:pipeline's floor) is never refused. Here the timer is long
 * enough that a caller who did not wait would be refused every time.
 */
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import { DescribeTableCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTable } from '../../functions/local/dynamo/dynamo-standin';

/** How long the table stays CREATING after dynalite answered CreateTable. */
const CREATING_MS = 300;

describe('ensureTable on a table dynalite activates late', () => {
  let server: Server;
  let client: DynamoDBClient;

  beforeAll(async () => {
    const dynalite = createRequire(import.meta.url)('dynalite') as (options: object) => Server;
    server = dynalite({ createTableMs: CREATING_MS });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    client = new DynamoDBClient({
      endpoint: `http://127.0.0.1:${port}`,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
  });

  afterAll(async () => {
    client.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it('resolves once the new table is ACTIVE, so the first item write right after it is stored', async () => {
    await ensureTable(client, 'newswatch');

    const { Table } = await client.send(new DescribeTableCommand({ TableName: 'newswatch' }));
    expect(Table?.TableStatus).toBe('ACTIVE');
    const put = await client.send(new PutItemCommand({ TableName: 'newswatch', Item: { pk: { S: 'a' }, sk: { S: 'b' } } }));
    expect(put.$metadata.httpStatusCode).toBe(200);
  });
});
