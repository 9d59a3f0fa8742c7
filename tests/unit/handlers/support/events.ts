import type { Context } from 'aws-lambda';
import type { HttpEvent } from '../../../../functions/handlers/http/with-http';

export const context = {
  callbackWaitsForEmptyEventLoop: false,
  functionName: 'test',
  functionVersion: '1',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:test',
  memoryLimitInMB: '256',
  awsRequestId: 'req-1',
  logGroupName: 'g',
  logStreamName: 's',
  getRemainingTimeInMillis: () => 10_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
} as Context;

export interface HttpEventOptions {
  body?: unknown;
  /** Sent as-is when a string (so tests can send broken JSON). */
  rawBody?: string;
  base64?: boolean;
  query?: Record<string, string>;
  id?: string;
  headers?: Record<string, string>;
}

/** An API Gateway HTTP API (payload v2) event for a route key such as "POST /articles". */
export function httpEvent(routeKey: string, options: HttpEventOptions = {}): HttpEvent {
  const [method = 'GET', path = '/'] = routeKey.split(' ');
  const text = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const body = text !== undefined && options.base64 ? Buffer.from(text).toString('base64') : text;
  const rawPath = options.id ? path.replace('{id}', options.id) : path;
  return {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString: new URLSearchParams(options.query ?? {}).toString(),
    headers: { 'content-type': 'application/json', 'x-api-key': 'nw_test', ...options.headers },
    ...(options.query && { queryStringParameters: options.query }),
    ...(options.id && { pathParameters: { id: options.id } }),
    requestContext: {
      accountId: '000000000000',
      apiId: 'api',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' },
      requestId: 'r1',
      routeKey,
      stage: '$default',
      time: '01/Jan/2026:00:00:00 +0000',
      timeEpoch: 0,
      authorizer: { lambda: { keyId: 'k', scopes: 'admin' } },
    },
    ...(body !== undefined && { body }),
    isBase64Encoded: Boolean(options.base64),
  } as HttpEvent;
}

/** The parsed JSON body of a handler's response. */
export function bodyOf(result: { body?: string } | string | undefined): any {
  const text = typeof result === 'string' ? result : result?.body;
  return text ? JSON.parse(text) : undefined;
}
