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
