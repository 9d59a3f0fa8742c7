import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { ApiKeyScope } from '../core/api-key-format';
import { keys } from './table-keys';
import type { Table } from './table';

// Zod-free on purpose (the authorizer imports only this): see core/api-key-format.ts.

/** An API key record as stored: the SHA-256 of the key, never the key itself. */
export interface ApiKeyRecord {
  keyId: string;
  hash: string;
  scopes: ApiKeyScope[];
  label?: string;
  createdAt: string;
  revokedAt?: string;
}

export async function findApiKey(table: Table, keyId: string): Promise<ApiKeyRecord | undefined> {
  const out = await table.doc.send(new GetCommand({ TableName: table.name, Key: keys.apiKey(keyId) }));
  return out.Item as ApiKeyRecord | undefined;
}
