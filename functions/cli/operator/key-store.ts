import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createApiKey, listApiKeys, revokeApiKey } from '../../adapters/api-key-store';
import { storedNumberOptions } from '../../adapters/stored-numbers';
import type { Table } from '../../adapters/table';
import type { ApiKeyScope } from '../../core/api-keys';

/**
 * The `keys` command's access to the table (operator-only: it writes API key records directly, with
 * the operator's own AWS credentials, or the local stand-in's). Loaded through loadIsolated, so the
 * DynamoDB SDK stays out of every other command's start-up.
 */
export interface KeyTarget {
  tableName: string;
  region?: string;
  /** A DynamoDB endpoint other than AWS's (the local runtime's dynalite). */
  endpoint?: string;
  /** The local stand-in takes any credentials; AWS gets the operator's own (SDK default chain). */
  dummyCredentials?: boolean;
}

function tableFor(target: KeyTarget): Table {
  // The SDK warns on Node 20 about its own future releases; that says nothing about this command.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const client = new DynamoDBClient({
    ...(target.region && { region: target.region }),
    ...(target.endpoint && { endpoint: target.endpoint }),
    ...(target.dummyCredentials && { credentials: { accessKeyId: 'newswatch-local', secretAccessKey: 'newswatch-local' } }),
    maxAttempts: 2,
  });
  const doc = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
    unmarshallOptions: storedNumberOptions(),
  });
  return { doc, name: target.tableName };
}

export const createKey = (target: KeyTarget, scopes: ApiKeyScope[], label?: string) =>
  createApiKey(scopes, { table: tableFor(target), ...(label !== undefined && { label }) });
export const listKeys = (target: KeyTarget) => listApiKeys({ table: tableFor(target) });
export const revokeKey = (target: KeyTarget, keyId: string) => revokeApiKey(keyId, { table: tableFor(target) });
