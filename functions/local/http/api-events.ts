/**
 * API Gateway HTTP API (payload format 2.0) events, built from a Node HTTP request the way API Gateway
 * builds them: the integration event, and the REQUEST authorizer event for the same request.
 */
import { isUtf8 } from 'node:buffer';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import { routes, type Route } from '../../core/routes';

export const API_ID = 'local';
export const ACCOUNT_ID = '000000000000';

export interface MatchedRoute {
  route: Route;
  pathParameters?: Record<string, string>;
}

const compiled = routes.map((route) => {
  const [method, path] = route.key.split(' ') as [string, string];
  const names: string[] = [];
  const pattern = path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { route, method, names, regex: new RegExp(`^${pattern}$`) };
});

/**
 * The route API Gateway would pick for this method and path (no trailing-slash forgiveness, like API
 * Gateway). Throws URIError when a path parameter's %-escapes do not decode (the caller answers 400).
 */
export function matchRoute(method: string, path: string): MatchedRoute | undefined {
  for (const candidate of compiled) {
    if (candidate.method !== method) continue;
    const match = candidate.regex.exec(path);
    if (!match) continue;
    if (candidate.names.length === 0) return { route: candidate.route };
    const pathParameters = Object.fromEntries(candidate.names.map((name, i) => [name, decodeURIComponent(match[i + 1]!)]));
    return { route: candidate.route, pathParameters };
  }
  return undefined;
}

/** Headers lower-cased, repeated headers joined with commas (cookies go to `cookies`). */
function headersOf(req: IncomingMessage): { headers: Record<string, string>; cookies?: string[] } {
  const headers: Record<string, string> = {};
  let cookies: string[] | undefined;
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i]!.toLowerCase();
    const value = req.rawHeaders[i + 1]!;
    if (name === 'cookie') cookies = [...(cookies ?? []), ...value.split(/;\s*/)];
    else headers[name] = headers[name] === undefined ? value : `${headers[name]},${value}`;
  }
  return { headers, cookies };
}

function queryOf(rawQueryString: string): Record<string, string> | undefined {
  if (!rawQueryString) return undefined;
  const joined = new Map<string, string>();
  for (const [key, value] of new URLSearchParams(rawQueryString)) {
    const earlier = joined.get(key);
    joined.set(key, earlier === undefined ? value : `${earlier},${value}`);
  }
  // fromEntries defines each key as its own property: `query.__proto__ = …` would set the prototype instead,
  // and a `__proto__` parameter would vanish rather than be refused as API Gateway's JSON event has it.
  return Object.fromEntries(joined);
}

const TEXT_TYPES = /^(text\/|application\/(json|[\w.+-]*\+json|xml|[\w.+-]*\+xml|x-www-form-urlencoded|javascript))/i;

/**
 * API Gateway passes text bodies as they are and anything else base64-encoded. A "text" body that is not
 * UTF-8 is passed base64-encoded too: read as text, its bytes would become U+FFFD before the handler could
 * refuse them.
 */
function bodyOf(body: Buffer, contentType: string | undefined): { body?: string; isBase64Encoded: boolean } {
  if (body.length === 0) return { isBase64Encoded: false };
  const text = (!contentType || TEXT_TYPES.test(contentType)) && isUtf8(body);
  return text ? { body: body.toString('utf8'), isBase64Encoded: false } : { body: body.toString('base64'), isBase64Encoded: true };
}

function clfTime(date: Date): string {
  const [, day, month, year, time] = /^\w+, (\d+) (\w+) (\d+) ([\d:]+)/.exec(date.toUTCString())!;
  return `${day}/${month}/${year}:${time} +0000`;
}

/** What routing reads of a request's target: its path as sent and its query string. */
export interface RequestTarget {
  /**
   * The path as sent, up to `?`: `.` and `..` segments (`%2e` spelt too) and backslashes are kept as
   * they are, as API Gateway matches routes against the path it received. Resolving them, as a URL
   * parser does, let `/articles/..` reach the console at `/` and `/x/../watchlist` reach `GET
   * /watchlist`. Spaces, quotes, angle brackets, braces and characters past ASCII are %-encoded (as
   * in a URL's path), so a path parameter decodes to the text the client meant.
   */
  path: string;
  /** Without the `?`; empty when there is none. */
  query: string;
}

/** Anything but printable ASCII, and the quote, angle brackets, backtick and braces (printable ASCII kept: `!#-;=?-_a-z|~`). */
const ENCODED_IN_PATH = /[^!#-;=?-_a-z|~]/gu;
const percentEncoded = (char: string) =>
  [...Buffer.from(char, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');

/**
 * The request's target. Its path starts with a slash (one that does not gets one) and is never read as
 * a URL: `//articles/watchlist` stays that path (a URL would read host `articles`, path `/watchlist`).
 */
export function requestTarget(req: IncomingMessage): RequestTarget {
  const raw = req.url ?? '/';
  const target = raw.startsWith('/') ? raw : `/${raw}`;
  const end = target.search(/[?#]/);
  const path = (end === -1 ? target : target.slice(0, end)).replace(ENCODED_IN_PATH, percentEncoded);
  // The query string as a URL reads it (its escapes as before); the path above is the one routed.
  return { path, query: new URL(`http://local${target}`).search.slice(1) };
}

/** The event API Gateway would send for `req`, whose target the caller has read (requestTarget) to route it. */
export function buildHttpEvent(
  req: IncomingMessage,
  target: RequestTarget,
  rawBody: Buffer,
  matched: MatchedRoute,
): APIGatewayProxyEventV2 {
  const rawQueryString = target.query;
  const { headers, cookies } = headersOf(req);
  const query = queryOf(rawQueryString);
  const now = new Date();
  const host = headers.host ?? '127.0.0.1';
  return {
    version: '2.0',
    routeKey: matched.route.key,
    rawPath: target.path,
    rawQueryString,
    ...(cookies && { cookies }),
    headers,
    ...(query && { queryStringParameters: query }),
    ...(matched.pathParameters && { pathParameters: matched.pathParameters }),
    requestContext: {
      accountId: ACCOUNT_ID,
      apiId: API_ID,
      domainName: host,
      domainPrefix: host.split('.')[0]!,
      http: {
        method: req.method ?? 'GET',
        path: target.path,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: matched.route.key,
      stage: '$default',
      time: clfTime(now),
      timeEpoch: now.getTime(),
    },
    ...bodyOf(rawBody, headers['content-type']),
  };
}

/** The REQUEST authorizer event (payload 2.0) for an integration event; identity sources: x-api-key, route key. */
export function buildAuthorizerEvent(event: APIGatewayProxyEventV2, apiKey: string, region: string): APIGatewayRequestAuthorizerEventV2 {
  const method = event.requestContext.http.method;
  const { body: _body, isBase64Encoded: _b64, ...rest } = event;
  return {
    ...rest,
    type: 'REQUEST',
    routeArn: `arn:aws:execute-api:${region}:${ACCOUNT_ID}:${API_ID}/$default/${method}${event.rawPath}`,
    identitySource: [apiKey, event.routeKey],
  } as APIGatewayRequestAuthorizerEventV2;
}
