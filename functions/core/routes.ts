/**
 * The HTTP API's routes: the one list read by the CDK Api construct (to create the routes), the
 * authorizer (to check a key's scopes) and the local runtime (to route requests to the same handlers).
 */
import type { ApiKeyScope } from './api-key-format';

/** The scope a route needs: one of the scopes an API key can hold. */
export type Scope = ApiKeyScope;
export type RouteTarget = 'ingest' | 'api';

export interface Route {
  /** API Gateway route key, e.g. "GET /articles/{id}". */
  readonly key: string;
  readonly target: RouteTarget;
  readonly scope: Scope;
  /** Every field of its body is optional: a request without a body (`curl -X POST` without `-d`) is read as `{}`. */
  readonly bodyOptional?: true;
}

export const routes: readonly Route[] = [
  { key: 'POST /articles', target: 'ingest', scope: 'ingest' },
  { key: 'GET /articles', target: 'api', scope: 'read' },
  { key: 'GET /articles/{id}', target: 'api', scope: 'read' },
  { key: 'GET /stories', target: 'api', scope: 'read' },
  { key: 'GET /alerts', target: 'api', scope: 'read' },
  { key: 'POST /digests', target: 'api', scope: 'admin', bodyOptional: true },
  { key: 'GET /stories/{id}', target: 'api', scope: 'read' },
  { key: 'GET /watchlist', target: 'api', scope: 'read' },
  { key: 'PUT /watchlist/people/{id}', target: 'api', scope: 'admin' },
  { key: 'DELETE /watchlist/people/{id}', target: 'api', scope: 'admin' },
  { key: 'PUT /watchlist/topics/{id}', target: 'api', scope: 'admin' },
  { key: 'DELETE /watchlist/topics/{id}', target: 'api', scope: 'admin' },
  { key: 'POST /subscriptions', target: 'api', scope: 'admin' },
  { key: 'GET /subscriptions', target: 'api', scope: 'admin' },
  { key: 'DELETE /subscriptions/{id}', target: 'api', scope: 'admin' },
  { key: 'POST /feeds', target: 'api', scope: 'admin' },
  { key: 'GET /feeds', target: 'api', scope: 'read' },
  { key: 'DELETE /feeds/{id}', target: 'api', scope: 'admin' },
  { key: 'POST /feeds/poll', target: 'api', scope: 'admin', bodyOptional: true },
];

/** `admin` may do everything; other scopes only what they name. */
export function scopeAllows(granted: readonly Scope[], needed: Scope): boolean {
  return granted.includes('admin') || granted.includes(needed);
}
