/**
 * dynalite answers CreateTable while the table is still CREATING and makes it ACTIVE on a timer; until
 * then every item operation is refused with "Requested resource not found". ensureTable
 * (functions/local/dynamo/dynamo-standin.ts) resolves only once the table is ACTIVE, so the first item
 * request after it (the runtime's start, bench:pipeline's floor) is never refused. Here the timer is long
 * enough that a caller who did not wait would be refused every time.
 */
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import { CreateTableCommand, DescribeTableCommand, type DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTable, TableNotActive, tableDefinition } from '../../functions/local/dynamo/dynamo-standin';
import { localDynamoClient } from '../support/local-dynamo';

/** How long the table stays CREATING after dynalite answered CreateTable. */
const CREATING_MS = 300;
/** Far longer than the test waits: a table left CREATING by a start that stopped is never activated. */
const NEVER_MS = 5_000;

async function startDynalite(createTableMs: number): Promise<{ server: Server; client: DynamoDBClient }> {
  const dynalite = createRequire(import.meta.url)('dynalite') as (options: object) => Server;
  const server = dynalite({ createTableMs });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const client = localDynamoClient(`http://127.0.0.1:${port}`);
  return { server, client };
}

async function stop(stand: { server: Server; client: DynamoDBClient }): Promise<void> {
  stand.client.destroy();
  await new Promise((resolve) => stand.server.close(resolve));
}

describe('ensureTable on a table dynalite activates late', () => {
  let server: Server;
  let client: DynamoDBClient;

  beforeAll(async () => {
    ({ server, client } = await startDynalite(CREATING_MS));
  });

  afterAll(async () => {
    await stop({ server, client });
  });

  it('resolves once the new table is ACTIVE, so the first item write right after it is stored', async () => {
    await ensureTable(client, 'newswatch');

    const { Table } = await client.send(new DescribeTableCommand({ TableName: 'newswatch' }));
    expect(Table?.TableStatus).toBe('ACTIVE');
    const put = await client.send(new PutItemCommand({ TableName: 'newswatch', Item: { pk: { S: 'a' }, sk: { S: 'b' } } }));
    expect(put.$metadata.httpStatusCode).toBe(200);
  });

  it('waits for a table it finds still CREATING (created by another caller) before it resolves', async () => {
    await client.send(new CreateTableCommand(tableDefinition('found-creating')));

    await ensureTable(client, 'found-creating');

    const { Table } = await client.send(new DescribeTableCommand({ TableName: 'found-creating' }));
    expect(Table?.TableStatus).toBe('ACTIVE');
  });

  it('refuses, naming what to do, a table that stays CREATING (a first start stopped while creating it)', async () => {
    const stuck = await startDynalite(NEVER_MS);
    try {
      await stuck.client.send(new CreateTableCommand(tableDefinition('newswatch')));

      const refusal = await ensureTable(stuck.client, 'newswatch', 200).catch((error: unknown) => error);

      expect(refusal).toBeInstanceOf(TableNotActive);
      expect((refusal as Error).message).toMatch(/is still CREATING after 200 ms.*move the data folder's dynamodb directory aside/);
    } finally {
      await stop(stuck);
    }
  });
});
