import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ApiKeyLabel, ApiKeyRecord, ApiKeyScope, hashKey, keyIdOf, mintKey } from '../core/api-keys';
import { parseStored } from '../core/stored-record';
import { keys } from './table-keys';
import { queryPartition, tableFromEnv, type Table, updateIfExists } from './table';

export { ApiKeyRecord };
export { findApiKey } from './api-key-lookup';

export type ApiKeySummary = Omit<ApiKeyRecord, 'hash'>;

export interface KeyStoreOptions {
  /** Defaults to TABLE_NAME with the SDK's default client (the CLI passes its own). */
  table?: Table;
  label?: string;
}

/**
 * Mints a key with these scopes and stores only its hash. The clear key is in the result, once:
 * the caller shows it to the operator and must not log it.
 */
export async function createApiKey(
  scopes: readonly ApiKeyScope[],
  options: KeyStoreOptions = {},
): Promise<{ keyId: string; key: string; scopes: ApiKeyScope[] }> {
  const table = options.table ?? tableFromEnv();
  const granted = [...new Set(scopes.map((s) => ApiKeyScope.parse(s)))];
  if (granted.length === 0) throw new Error('An API key needs at least one scope: ingest, read or admin');
  const label = options.label === undefined ? undefined : ApiKeyLabel.parse(options.label);
  const minted = mintKey();
  const record: ApiKeyRecord = {
    keyId: minted.keyId,
    hash: minted.hash,
    scopes: granted,
    createdAt: new Date().toISOString(),
    ...(label !== undefined && { label }),
  };
  await table.doc.send(
    new PutCommand({
      TableName: table.name,
      Item: { ...keys.apiKey(minted.keyId), kind: 'apikey', ...record },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
  return { keyId: minted.keyId, key: minted.key, scopes: granted };
}

/**
 * Registers a key the caller already holds (the local runtime's generated or NEWSWATCH_API_KEY key),
 * storing only its hash; registering it again overwrites the same record (and un-revokes it).
 */
export async function registerApiKey(
  key: string,
  scopes: readonly ApiKeyScope[],
  options: KeyStoreOptions = {},
): Promise<{ keyId: string }> {
  const table = options.table ?? tableFromEnv();
  const keyId = keyIdOf(key);
  if (!keyId)
    throw new Error(
      'An API key must be a minted nw_ key, or 1 to 256 printable ASCII characters (spaces only inside) that do not start with nw_',
    );
  const record: ApiKeyRecord = {
    keyId,
    hash: hashKey(key),
    scopes: [...new Set(scopes.map((s) => ApiKeyScope.parse(s)))],
    createdAt: new Date().toISOString(),
    ...(options.label && { label: options.label }),
  };
  await table.doc.send(new PutCommand({ TableName: table.name, Item: { ...keys.apiKey(keyId), kind: 'apikey', ...record } }));
  return { keyId };
}

/** Marks a key revoked (kept for audit). False when no such key exists. */
export async function revokeApiKey(keyId: string, options: KeyStoreOptions = {}): Promise<boolean> {
  const table = options.table ?? tableFromEnv();
  return updateIfExists(table, keys.apiKey(keyId), {
    UpdateExpression: 'SET revokedAt = if_not_exists(revokedAt, :now)',
    ExpressionAttributeValues: { ':now': new Date().toISOString() },
  });
}

/** Deletes a key record for good (the local runtime's old revoked keys); false when there was none. */
export async function deleteApiKey(keyId: string, options: KeyStoreOptions = {}): Promise<boolean> {
  const table = options.table ?? tableFromEnv();
  const out = await table.doc.send(new DeleteCommand({ TableName: table.name, Key: keys.apiKey(keyId), ReturnValues: 'ALL_OLD' }));
  return out.Attributes !== undefined;
}

export async function listApiKeys(options: KeyStoreOptions = {}): Promise<ApiKeySummary[]> {
  const items = await queryPartition(options.table ?? tableFromEnv(), keys.apiKeysPartition);
  return items.map((item) => {
    const { keyId, scopes, label, createdAt, revokedAt } = parseStored(ApiKeyRecord, item, `API key record ${item.sk}`);
    return { keyId, scopes, createdAt, ...(label && { label }), ...(revokedAt && { revokedAt }) };
  });
}
