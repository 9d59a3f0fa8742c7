import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ensureTable } from '../../functions/local/dynamo/dynamo-standin';
import { type DynamoThread, startDynamoThread } from '../../functions/local/dynamo/dynamo-thread';

/** A client of a local dynalite: any credentials do, it checks no signature. */
export function localDynamoClient(endpoint: string, region = 'us-east-1'): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
}

/** Creates the newswatch table on a local dynalite (once ACTIVE) through a client of its own. */
export async function createTableAt(endpoint: string, tableName: string): Promise<void> {
  const admin = localDynamoClient(endpoint);
  try {
    await ensureTable(admin, tableName);
  } finally {
    admin.destroy();
  }
}

/** The stand-in in its own thread, as the runtime runs it, on a free port, in `us-east-1`, its warnings unprinted. */
export function startQuietDynamoThread(dataDir: string, tableName: string): Promise<DynamoThread> {
  return startDynamoThread({ dataDir, port: 0, tableName, region: 'us-east-1', warn: () => undefined });
}
