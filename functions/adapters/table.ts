import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import {
  type DeleteCommand,
  DynamoDBDocumentClient,
  type PutCommand,
  QueryCommand,
  type QueryCommandInput,
  UpdateCommand,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { ENV, requireEnv } from './env-names';
import { storedNumberOptions } from './stored-numbers';

/** The single table and the client that talks to it: every repository function takes one. */
export interface Table {
  readonly doc: DynamoDBDocumentClient;
  readonly name: string;
}

/**
 * How the one-machine runtime makes its table clients: settings added to each, and a last touch before
 * it is shared (functions/local/dynamo/in-process-handler.ts: an in-process transport to its DynamoDB
 * stand-in, without the request steps that mean nothing there). Never set on AWS.
 */
export interface LocalTableClients {
  config: DynamoDBClientConfig;
  prepare?(client: DynamoDBClient): void;
  /** …and of the document client made on it (the runtime's fast path for the common operations). */
  finish?(doc: DynamoDBDocumentClient): DynamoDBDocumentClient;
}

let localClients: LocalTableClients | undefined;

/**
 * The local runtime's hook, called before the handlers are loaded; nothing deployed calls it. Returns
 * the reset the runtime calls when it stops, so clients made afterwards in the same process are plain
 * SDK clients again (configured by the environment) instead of routes to a stand-in that is gone.
 */
export function useLocalTableClients(settings: LocalTableClients): () => void {
  localClients = settings;
  return () => {
    if (localClients === settings) localClients = undefined;
  };
}

/**
 * A document client honouring the SDK's own configuration (region, credentials and
 * AWS_ENDPOINT_URL_DYNAMODB, which the local runtime sets): no endpoint is hard-coded here.
 * `instrument` lets a handler wrap the raw client (e.g. Powertools tracer) before it is shared.
 */
export function createDocumentClient(instrument: (client: DynamoDBClient) => DynamoDBClient = (c) => c): DynamoDBDocumentClient {
  const client = new DynamoDBClient({ ...localClients?.config });
  localClients?.prepare?.(client);
  const doc = DynamoDBDocumentClient.from(instrument(client), {
    marshallOptions: { removeUndefinedValues: true },
    unmarshallOptions: storedNumberOptions(),
  });
  return localClients?.finish ? localClients.finish(doc) : doc;
}

/** The table named by TABLE_NAME; throws at once when it is not set. */
export function tableFromEnv(doc: DynamoDBDocumentClient = createDocumentClient()): Table {
  return { doc, name: requireEnv(ENV.tableName) };
}

/** Whether a write was refused by its condition (the one SDK error a conditional write expects). */
export function isConditionalCheckFailed(error: unknown): boolean {
  return (error as { name?: string } | null)?.name === 'ConditionalCheckFailedException';
}

/**
 * Sends a conditional write: true when it was written, false when its condition did not hold
 * (ConditionalCheckFailedException, the one refusal a caller expects); any other error is thrown.
 * The refusal is recognised by its name, not by instanceof, which fails for an error built by another
 * copy of the client package (another bundle's, or a test's mock).
 */
export async function sendIfCondition(table: Table, command: PutCommand | UpdateCommand | DeleteCommand): Promise<boolean> {
  try {
    await table.doc.send(command as PutCommand);
    return true;
  } catch (error) {
    if (isConditionalCheckFailed(error)) return false;
    throw error;
  }
}

/** The key of one item (a type, not an interface: it is also an item's Record of attributes). */
export type ItemKey = { pk: string; sk: string };

/**
 * The key of an item read back. The table declares pk and sk as strings (table-design.ts) and DynamoDB
 * stores no item whose key is anything else, so unlike the rest of the item the key needs no parse.
 */
export function itemKey(item: Record<string, unknown>): ItemKey {
  return { pk: item.pk as string, sk: item.sk as string };
}

/** What an update of an existing item sets or removes (the key and the condition are updateIfExists'). */
export type ItemUpdate = Pick<UpdateCommandInput, 'UpdateExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'>;

/**
 * Updates the item only if it exists: false when it does not. Unconditioned, an update of a missing
 * item (one deleted or expired meanwhile) would create a bare key item that no reader could parse.
 */
export function updateIfExists(table: Table, key: ItemKey, update: ItemUpdate): Promise<boolean> {
  return sendIfCondition(
    table,
    new UpdateCommand({ TableName: table.name, Key: key, ...update, ConditionExpression: 'attribute_exists(pk)' }),
  );
}

/** A query without its table and page position, which queryPages supplies. */
export type PagedQuery = Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>;

/**
 * Runs a query page after page, each from where the previous one ended (LastEvaluatedKey), handing each
 * page's items to `take` until the query ends or `take` answers true (enough: no further page is read).
 */
export async function queryPages(
  table: Table,
  query: PagedQuery,
  take: (items: Record<string, unknown>[]) => boolean | undefined,
): Promise<void> {
  let start: Record<string, unknown> | undefined;
  do {
    const out = await table.doc.send(new QueryCommand({ TableName: table.name, ...query, ...(start && { ExclusiveStartKey: start }) }));
    if (take(out.Items ?? [])) return;
    start = out.LastEvaluatedKey;
  } while (start);
}

/**
 * Every item of one partition, following LastEvaluatedKey. Only for the small partitions
 * (API keys, subscriptions, watchlist): article tags are sharded and paged by the caller.
 */
export async function queryPartition(
  table: Table,
  pk: string,
  options: { consistentRead?: boolean } = {},
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  const query = { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, ConsistentRead: options.consistentRead };
  await queryPages(table, query, (page) => {
    items.push(...page);
    return false;
  });
  return items;
}
