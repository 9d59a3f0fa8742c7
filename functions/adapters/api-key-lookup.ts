import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ApiKeyRecord } from '../core/api-keys';
import { parseStored } from '../core/stored-record';
import { keys } from './table-keys';
import type { Table } from './table';

export { ApiKeyRecord };

/** The key's stored record, validated: a record that does not parse is a storage fault and throws. */
export async function findApiKey(table: Table, keyId: string): Promise<ApiKeyRecord | undefined> {
  const out = await table.doc.send(new GetCommand({ TableName: table.name, Key: keys.apiKey(keyId) }));
  return out.Item ? parseStored(ApiKeyRecord, out.Item, `API key record ${keyId}`) : undefined;
}
