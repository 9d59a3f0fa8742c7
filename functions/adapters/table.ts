import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ENV, requireEnv } from './environment';

/** The single table and the client that talks to it: every repository function takes one. */
export interface Table {
  readonly doc: DynamoDBDocumentClient;
  readonly name: string;
}

/**
 * A document client honouring the SDK's own configuration (region, credentials and
 * AWS_ENDPOINT_URL_DYNAMODB, which the local runtime sets): no endpoint is hard-coded here.
 * `instrument` lets a handler wrap the raw client (e.g. Powertools tracer) before it is shared.
 */
export function createDocumentClient(instrument: (client: DynamoDBClient) => DynamoDBClient = (c) => c): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(instrument(new DynamoDBClient({})), {
    marshallOptions: { removeUndefinedValues: true },
  });
}

/** The table named by TABLE_NAME; throws at once when it is not set. */
export function tableFromEnv(doc: DynamoDBDocumentClient = createDocumentClient()): Table {
  return { doc, name: requireEnv(ENV.tableName) };
}

export function isConditionalCheckFailed(error: unknown): boolean {
  return (error as { name?: string } | null)?.name === 'ConditionalCheckFailedException';
}
