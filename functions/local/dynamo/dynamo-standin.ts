/**
 * The DynamoDB stand-in: dynalite in-process on 127.0.0.1, its LevelDB data under the data folder, and
 * the newswatch table created from table-design.ts (the same definition the CDK Storage construct uses).
 * The runtime verifies the folder first (../data-folder.ts): dynalite would crash the process on a bad one.
 */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Server } from 'node:http';
import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceNotFoundException,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import { tableDesign } from '../../adapters/table-design';
import { listenError, MissingDependency } from '../errors';

const require = createRequire(import.meta.url);

function loadDynalite(): (options: Record<string, unknown>) => Server {
  try {
    return require('dynalite');
  } catch {
    throw new MissingDependency('dynalite');
  }
}

/** Starts dynalite on 127.0.0.1:`port`; `prepare` may wrap its request handler before it listens. */
export async function startDynalite(
  dataDir: string,
  port: number,
  prepare: (server: Server) => void = () => undefined,
): Promise<{ host: string; port: number; close(): Promise<void> }> {
  const dynalite = loadDynalite();
  mkdirSync(dataDir, { recursive: true });
  const server = dynalite({ path: dataDir, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  prepare(server);
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err) => reject(listenError(err, 'DynamoDB endpoint', port, 'NEWSWATCH_DYNAMODB_PORT')));
    server.listen(port, '127.0.0.1', resolve);
  });
  const address = server.address();
  return {
    host: '127.0.0.1',
    port: typeof address === 'object' && address ? address.port : port,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

export function tableDefinition(tableName: string): CreateTableCommandInput {
  const keys = [tableDesign.partitionKey, tableDesign.sortKey];
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: keys.map((k) => ({ AttributeName: k.name, AttributeType: k.type })),
    KeySchema: [
      { AttributeName: tableDesign.partitionKey.name, KeyType: 'HASH' },
      { AttributeName: tableDesign.sortKey.name, KeyType: 'RANGE' },
    ],
    StreamSpecification: { StreamEnabled: true, StreamViewType: tableDesign.streamViewType },
  };
}

/** Creates the table when absent, keeps it when present; returns its creation time (for the stream ARN). */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<Date> {
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    return Table?.CreationDateTime ?? new Date(0);
  } catch (err) {
    if (!(err instanceof ResourceNotFoundException)) throw err;
  }
  const { TableDescription } = await client.send(new CreateTableCommand(tableDefinition(tableName)));
  await waitUntilActive(client, tableName);
  // dynalite keeps no TTL setting (UpdateTimeToLive is not implemented): items do not expire locally.
  return TableDescription?.CreationDateTime ?? new Date();
}

const ACTIVE_POLL_MS = 20;
const ACTIVE_TIMEOUT_MS = 10_000;

/**
 * dynalite answers CreateTable while the table is still CREATING and activates it asynchronously; on a
 * busy machine the first item request could otherwise arrive first and fail with "resource not found".
 */
async function waitUntilActive(client: DynamoDBClient, tableName: string): Promise<void> {
  const deadline = Date.now() + ACTIVE_TIMEOUT_MS;
  for (;;) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === 'ACTIVE') return;
    if (Date.now() > deadline) throw new Error(`DynamoDB stand-in: table ${tableName} not active after ${ACTIVE_TIMEOUT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, ACTIVE_POLL_MS));
  }
}
