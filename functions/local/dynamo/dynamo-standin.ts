/**
 * The DynamoDB stand-in: dynalite on 127.0.0.1 (in its own thread under `npm start`: dynamo-thread.ts),
 * its LevelDB data under the data folder, and the newswatch table created from table-design.ts (the
 * same definition the CDK Storage construct uses).
 * The runtime verifies the folder first (../data-folder.ts): dynalite would crash the process on a bad one.
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceNotFoundException,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import { tableDesign } from '../../adapters/table-design';
import { StartupError } from '../startup-errors';
import { listenDynalite } from './dynalite-server';

/** Starts dynalite in this thread (under `npm start` it has a thread of its own: dynamo-thread.ts). */
export const startDynalite = listenDynalite;

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

const ACTIVE_POLL_MS = 20;
const ACTIVE_TIMEOUT_MS = 10_000;

/**
 * Creates the table when absent, keeps it when present; returns its creation time (for the stream ARN).
 * Either way it resolves only once the table is ACTIVE (`activeTimeoutMs` is for tests).
 */
export async function ensureTable(client: DynamoDBClient, tableName: string, activeTimeoutMs = ACTIVE_TIMEOUT_MS): Promise<Date> {
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    // A first start stopped between dynalite's CREATING and ACTIVE writes leaves a table that no timer will activate.
    if (Table?.TableStatus !== 'ACTIVE') await waitUntilActive(client, tableName, activeTimeoutMs);
    return Table?.CreationDateTime ?? new Date(0);
  } catch (err) {
    if (!(err instanceof ResourceNotFoundException)) throw err;
  }
  const { TableDescription } = await client.send(new CreateTableCommand(tableDefinition(tableName)));
  await waitUntilActive(client, tableName, activeTimeoutMs);
  // dynalite keeps no TTL setting (UpdateTimeToLive is not implemented): items do not expire locally.
  return TableDescription?.CreationDateTime ?? new Date();
}

/**
 * dynalite answers CreateTable while the table is still CREATING and activates it asynchronously; on a
 * busy machine the first item request could otherwise arrive first and fail with "resource not found".
 */
async function waitUntilActive(client: DynamoDBClient, tableName: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === 'ACTIVE') return;
    if (Date.now() > deadline) throw new TableNotActive(tableName, Table?.TableStatus, timeoutMs);
    await new Promise((resolve) => setTimeout(resolve, ACTIVE_POLL_MS));
  }
}

/** The stand-in's table never became ACTIVE: only a first start that stopped within its first moments leaves one so. */
export class TableNotActive extends StartupError {
  constructor(tableName: string, status: string | undefined, timeoutMs: number) {
    super(
      `the DynamoDB stand-in's table ${tableName} is still ${status ?? 'missing'} after ${timeoutMs} ms: a first start that ` +
        "stopped while creating it leaves it so, and it holds no data; move the data folder's dynamodb directory aside and start again",
    );
  }
}
