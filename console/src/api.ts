/**
 * The console's only way to the newswatch HTTP API: the base URL from config.json (same origin when
 * absent), the API key from the tab's session, and the contract's error shape turned into ApiError.
 */
import { readKey } from './session';

export type ErrorKind = 'unauthorized' | 'unavailable' | 'bad-request' | 'not-found' | 'server' | 'network';

export interface ErrorDetail {
  path?: string;
  message?: string;
}

/** A failed request, sorted into what the user can do about it. */
export class ApiError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly status = 0,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let baseUrl = '';

/** Reads config.json next to index.html; `{ "apiUrl": "https://…/" }` when deployed, `{}` locally. */
export async function loadConfig(): Promise<void> {
  try {
    const response = await fetch('config.json', { cache: 'no-cache' });
    if (!response.ok) return;
    const config = (await response.json()) as { apiUrl?: unknown };
    if (typeof config.apiUrl === 'string') baseUrl = config.apiUrl.replace(/\/+$/, '');
  } catch {
    // no config: the API is on the same origin (npm start)
  }
}

export const apiLabel = (): string => baseUrl || location.origin;

interface ErrorBody {
  error?: { code?: string; message?: string; details?: ErrorDetail[] };
  message?: string;
}

function kindOf(status: number, code: string | undefined): ErrorKind {
  if (status === 401 || status === 403) return 'unauthorized';
  // A route this server does not have (API Gateway: {"message":"Not Found"}; npm start: code not_found
  // with "No route for …") means the feature is not deployed here, not that a record is missing.
  if (status === 404 && code === 'route') return 'unavailable';
  if (status === 404) return 'not-found';
  if (status >= 400 && status < 500) return 'bad-request';
  return 'server';
}

async function toError(response: Response): Promise<ApiError> {
  let body: ErrorBody = {};
  try {
    body = (await response.json()) as ErrorBody;
  } catch {
    // not JSON: keep the status alone
  }
  const message = body.error?.message ?? body.message ?? `HTTP ${response.status}`;
  const missingRoute = response.status === 404 && (/^No route for /.test(message) || message === 'Not Found');
  const kind = kindOf(response.status, missingRoute ? 'route' : body.error?.code);
  return new ApiError(kind, message, response.status, body.error?.details ?? []);
}

export async function request<T>(method: string, path: string, body?: unknown, key = readKey()): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { 'x-api-key': key ?? '', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
  } catch {
    throw new ApiError('network', `Cannot reach the API at ${apiLabel()}`);
  }
  if (!response.ok) throw await toError(response);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/**
 * After a refusal: whether the key still reads (the watchlist, which the read and admin scopes may read).
 * A key that does is current but lacks the scope that request needs (a `read` key editing): the page says
 * so and the user stays signed in; one refused there too is revoked, unknown or ingest-only, and goes
 * back to sign-in. A probe that fails otherwise (the network, a server error) keeps the user signed in.
 */
export async function keyStillReads(): Promise<boolean> {
  return request('GET', '/watchlist').then(
    () => true,
    // Only a refusal says the key itself is gone; a network blip or a server error says nothing of it.
    (error: unknown) => !(error instanceof ApiError && error.kind === 'unauthorized'),
  );
}

/** What a current key that lacks the scope for a request is told (keyStillReads). */
export const NEEDS_ADMIN =
  'This key may look but not do this: it needs a key with the admin scope (npx newswatch keys create --scope admin).';

export const get = <T>(path: string) => request<T>('GET', path);
export const put = <T>(path: string, body: unknown) => request<T>('PUT', path, body);
export const post = <T>(path: string, body: unknown) => request<T>('POST', path, body);
export const del = (path: string) => request<void>('DELETE', path);

/** Builds `path?k=v&…`, leaving out empty values. */
export function withQuery(path: string, params: Record<string, string | number | undefined>): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined && value !== '') query.set(name, String(value));
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}
