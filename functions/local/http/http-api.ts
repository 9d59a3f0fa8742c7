/**
 * The local HTTP API: what API Gateway (HTTP API, payload 2.0, Lambda REQUEST authorizer with simple
 * responses and identity sources x-api-key + route key) does in front of the same handlers.
 * Differences from AWS, on purpose: refusals before a handler runs (no route, no key, denied, too big,
 * handler crash/timeout) use the contract's error shape `{"error":{"code","message"}}`, where API
 * Gateway answers e.g. `{"message":"Unauthorized"}`.
 */
import { hash } from 'node:crypto';
import http from 'node:http';
import { LRUCache } from 'lru-cache';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { JSON_HEADERS } from '../../handlers/http/responses';
import { buildAuthorizerEvent, buildHttpEvent, matchRoute, requestTarget } from './api-events';
import type { ConsoleSite } from './console-files';
import { answerClientErrors } from './client-errors';
import { listenError } from '../startup-errors';
import { invoke, InvocationTimeout, type LambdaHandler } from '../lambda';

export interface ApiHandlers {
  authorizer: LambdaHandler;
  ingest: LambdaHandler;
  api: LambdaHandler;
}

/** Authorizer decisions kept at most (one per key and route): ample for real clients, bounded for floods. */
export const AUTHORIZER_CACHE_ENTRIES = 1_000;

export interface HttpApiOptions {
  port: number;
  region: string;
  handlers: ApiHandlers;
  /** API Gateway's payload limit (10 MB); the ingest handler has its own, smaller one. */
  maxBodyBytes?: number;
  /** Like the CDK's resultsCacheTtl (30 s). */
  authorizerCacheMs?: number;
  /** API Gateway's integration timeout (30 s). */
  timeoutMs?: number;
  warn?(message: string): void;
  /** The web console's files at `/` (npm start); API routes are never shadowed by it. */
  site?: ConsoleSite;
  /** This run's generated key: a refused key made by an earlier run is told so (see {@link refusal}). */
  currentKey?: string;
  /** Where the CLI settings holding `currentKey` are, as the refusal names them (default `.newswatch/runtime.json`). */
  keyFile?: string;
}

const DEFAULT_KEY_FILE = '.newswatch/runtime.json';
/** How long a stop lets requests in flight finish before it cuts their connections. */
const CLOSE_WAIT_MS = 3_000;

/** How `npm start` makes its key (a new one each start): runtime.ts generates `local-<random>`. */
export const LOCAL_KEY_PREFIX = 'local-';

/**
 * The 403 body. A key shaped like the runtime's own but not this run's is, nearly always, the previous
 * run's key still exported in a shell (else one mistyped or cut short when copied): say that and where
 * the current one is, rather than "lacks the scope".
 */
function refusal(apiKey: string, currentKey: string | undefined, keyFile = DEFAULT_KEY_FILE): Reply {
  if (currentKey?.startsWith(LOCAL_KEY_PREFIX) && apiKey.startsWith(LOCAL_KEY_PREFIX) && apiKey !== currentKey) {
    return errorReply(
      403,
      'forbidden',
      `This API key is not this run's: most likely one from an earlier run of the local runtime (npm start makes a new one each start), or mistyped; the current key is in ${keyFile}`,
    );
  }
  return errorReply(403, 'forbidden', 'This API key is unknown, revoked, or lacks the scope for this route');
}

export interface HttpApi {
  url: string;
  port: number;
  /** Forgets cached authorizer decisions (a revoked key is refused at once). */
  clearAuthorizerCache(): void;
  /** Decisions cached now (bounded by AUTHORIZER_CACHE_ENTRIES). */
  authorizerCacheSize(): number;
  close(): Promise<void>;
}

type Reply = { status: number; headers?: Record<string, string>; body?: Uint8Array | string };

const errorReply = (
  status: number,
  code: string,
  message: string,
  details?: { path: string; message: string }[],
  headers: Record<string, string> = {},
): Reply => ({
  status,
  headers: { ...JSON_HEADERS, ...headers },
  body: JSON.stringify({ error: { code, message, ...(details && { details }) } }),
});

/**
 * A body past API Gateway's limit, in the words the handlers use for theirs (body-parser.ts). The
 * connection is closed after the answer: the rest of the body is never read.
 */
const tooLarge = (limit: number): Reply =>
  errorReply(
    413,
    'payload_too_large',
    `Request body is larger than the limit of ${limit} bytes`,
    [{ path: '(root)', message: `larger than ${limit} bytes` }],
    { connection: 'close' },
  );

class TooLarge extends Error {}
/** The client went away before its body arrived: nobody is left to answer, and nothing went wrong here. */
class ClientGone extends Error {}

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Refused as soon as it passes the limit (a body sent without content-length): the rest is not read.
      if (size <= limit) return void chunks.push(chunk);
      req.pause();
      chunks.length = 0;
      reject(new TooLarge());
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', () => reject(new ClientGone()));
  });
}

/** A Lambda proxy result (or a bare value, which API Gateway turns into a 200 JSON body) as a reply. */
function toReply(result: unknown): Reply {
  const structured = result as APIGatewayProxyStructuredResultV2 | undefined;
  if (!structured || typeof structured !== 'object' || structured.statusCode === undefined) {
    const body = typeof result === 'string' ? result : JSON.stringify(result ?? null);
    return { status: 200, headers: { 'content-type': 'application/json' }, body };
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(structured.headers ?? {})) headers[name.toLowerCase()] = String(value);
  if (structured.body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
  const body = structured.body === undefined ? undefined : Buffer.from(structured.body, structured.isBase64Encoded ? 'base64' : 'utf8');
  return { status: structured.statusCode, headers, body };
}

export async function startHttpApi(options: HttpApiOptions): Promise<HttpApi> {
  const maxBodyBytes = options.maxBodyBytes ?? 10 * 1024 * 1024;
  const cacheMs = options.authorizerCacheMs ?? 30_000;
  const timeoutMs = options.timeoutMs ?? 30_000;
  // Keyed by what the client sends: bounded (least recently used go first) and keyed by a hash, so a
  // flood of random keys cannot grow it (20,000 wrong keys once grew an unbounded map by 161 MiB).
  const authCache = new LRUCache<string, { until: number; allowed: boolean; context: Record<string, unknown> }>({
    max: AUTHORIZER_CACHE_ENTRIES,
  });

  async function authorize(event: APIGatewayProxyEventV2, apiKey: string) {
    const cacheKey = hash('sha256', `${apiKey}\n${event.routeKey}`, 'base64');
    const cached = authCache.get(cacheKey);
    if (cached && cached.until > Date.now()) return cached;
    const result = await invoke(
      options.handlers.authorizer,
      'authorizer',
      buildAuthorizerEvent(event, apiKey, options.region),
      options.region,
      timeoutMs,
    );
    const decision = { until: Date.now() + cacheMs, allowed: result?.isAuthorized === true, context: result?.context ?? {} };
    if (cacheMs > 0) authCache.set(cacheKey, decision);
    return decision;
  }

  async function handle(req: http.IncomingMessage): Promise<Reply> {
    const target = requestTarget(req);
    // A declared length past the limit is refused before a byte of the body is read.
    if (Number(req.headers['content-length']) > maxBodyBytes) return tooLarge(maxBodyBytes);
    let body: Buffer;
    try {
      body = await readBody(req, maxBodyBytes);
    } catch (err) {
      if (err instanceof TooLarge) return tooLarge(maxBodyBytes);
      throw err;
    }
    const method = req.method ?? 'GET';
    const page = await options.site?.reply(method, target.path);
    if (page) return page;
    let matched: ReturnType<typeof matchRoute>;
    try {
      matched = matchRoute(method, target.path);
    } catch (err) {
      if (!(err instanceof URIError)) throw err;
      return errorReply(400, 'invalid_path', 'The path is not valid: a %-escape in it does not decode to UTF-8 text');
    }
    // The path is the client's: it is not quoted back (error bodies never echo input).
    if (!matched) return errorReply(404, 'not_found', `No route for ${method} on this path`);
    const event = buildHttpEvent(req, target, body, matched);
    const apiKey = event.headers['x-api-key'];
    if (!apiKey) return errorReply(401, 'unauthorized', 'Missing API key: send it in the x-api-key header');
    const decision = await authorize(event, apiKey);
    if (!decision.allowed) return refusal(apiKey, options.currentKey, options.keyFile);
    (event.requestContext as { authorizer?: unknown }).authorizer = { lambda: decision.context };
    const handler = matched.route.target === 'ingest' ? options.handlers.ingest : options.handlers.api;
    return toReply(await invoke(handler, matched.route.target, event, options.region, timeoutMs));
  }

  // Sockets whose response has begun: a parser error on them (a pipelined request after it) is no place for an answer.
  const answering = new WeakSet<object>();
  const server = http.createServer((req, res) => {
    res.once('finish', () => answering.delete(req.socket));
    handle(req)
      .catch((err: unknown) => {
        if (err instanceof ClientGone) return undefined;
        if (err instanceof InvocationTimeout) return errorReply(503, 'timeout', 'The request took too long; please retry');
        options.warn?.(`http: ${req.method} ${req.url?.split('?')[0]} failed: ${(err as Error)?.name ?? 'Error'}`);
        return errorReply(500, 'internal_error', 'Something went wrong on our side; please retry later');
      })
      .then((reply) => {
        if (!reply) return;
        const headers = { ...reply.headers, 'apigw-requestid': Math.random().toString(36).slice(2, 14) };
        answering.add(req.socket);
        res.writeHead(reply.status, headers);
        res.end(reply.body);
      });
  });
  server.keepAliveTimeout = 65_000;
  answerClientErrors(
    server,
    { maxHeaderBytes: http.maxHeaderSize, headersTimeoutMs: server.headersTimeout, requestTimeoutMs: server.requestTimeout },
    (socket) => answering.has(socket),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err) => reject(listenError(err, 'HTTP API', options.port, 'PORT')));
    server.listen(options.port, '127.0.0.1', resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    clearAuthorizerCache: () => authCache.clear(),
    authorizerCacheSize: () => authCache.size,
    close: () =>
      new Promise((resolve) => {
        // Requests in flight may finish for a moment; then their connections are cut (a `POST /feeds/poll`
        // waiting on a feed that never answers would hold the stop for the fetch timeout of each such feed).
        const cut = setTimeout(() => server.closeAllConnections(), CLOSE_WAIT_MS);
        server.close(() => {
          clearTimeout(cut);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}
