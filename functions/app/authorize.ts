import { findApiKey } from '../adapters/api-key-lookup';
import type { Table } from '../adapters/table';
import { keyIdOf, keyMatches } from '../core/api-key-format';
import { routes, scopeAllows } from '../core/routes';

/** What the authorizer passes on to the integration (API Gateway's simple-response `context`). */
export interface AuthContext {
  keyId: string;
  scopes: string;
}

export type Decision =
  | { allowed: true; context: AuthContext }
  | { allowed: false; reason: 'malformed' | 'unknown-route' | 'unknown-key' | 'revoked' | 'scope' };

/**
 * Decides whether `key` may call `routeKey`: a well-formed key whose stored hash matches (compared in
 * constant time), not revoked, with a scope that covers the route. Unknown routes are denied.
 */
export async function authorize(table: Table, key: string | undefined, routeKey: string): Promise<Decision> {
  const route = routes.find((r) => r.key === routeKey);
  if (!route) return { allowed: false, reason: 'unknown-route' };
  const keyId = key ? keyIdOf(key) : undefined;
  if (!key || !keyId) return { allowed: false, reason: 'malformed' };
  const record = await findApiKey(table, keyId);
  if (!record || !keyMatches(key, record.hash)) return { allowed: false, reason: 'unknown-key' };
  if (record.revokedAt) return { allowed: false, reason: 'revoked' };
  if (!scopeAllows(record.scopes, route.scope)) return { allowed: false, reason: 'scope' };
  return { allowed: true, context: { keyId, scopes: record.scopes.join(',') } };
}
