import { NEWSWATCH_HEADER, NEWSWATCH_HEADER_VALUE } from '../../core/newswatch-header';
import type * as z from '../../core/zod';
import { CliError } from './cli-errors';
import { defaultRetryPolicy, isRetryableStatus, nextDelayMs, retryAfterMs, type RetryPolicy } from './retry';

/**
 * The one HTTP client every remote command uses: sends x-api-key, retries 429/5xx/network errors with
 * bounded exponential backoff, and turns the contract's error shape
 * `{"error": {"code", "message", "details"?}}` into an ApiError a human can read, as it does an
 * answer from a server that is not newswatch.
 * The API key only ever goes into the request header: it is never part of a message.
 */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface ApiClientOptions {
  baseUrl: string;
  apiKey?: string;
  fetch?: FetchLike;
  retry?: RetryPolicy;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
  timeoutMs?: number;
  /** Told about each retry (the push progress line counts them). */
  onRetry?: (event: RetryEvent) => void;
}

export interface RetryEvent {
  readonly attempt: number;
  readonly delayMs: number;
  readonly reason: string;
}

export interface ApiResponse<T = unknown> {
  readonly status: number;
  readonly body: T;
}

/** Whether a body has an answer's shape; `explain` says where one that has not first differs. */
export interface AnswerCheck<T> {
  (body: unknown): body is T;
  explain?(body: unknown): string | undefined;
}

export interface RequestOptions<T = unknown> {
  /**
   * Whether a 2xx body has the shape newswatch gives this request (`answerShape` of its schema): one
   * without it came from some other server at that address, or from a newswatch of another version (it
   * carries the x-newswatch header). Without it, any JSON (or an empty body) passes when the answer
   * carries that header.
   */
  readonly expect?: AnswerCheck<T>;
  /**
   * When (epoch ms, by the client's clock) the request must be over, its attempts and the waits between them
   * included: an attempt is cut short and no retry is begun past it (`newswatch smoke --timeout`).
   */
  readonly deadline?: number;
}

export interface ApiClient {
  readonly baseUrl: string;
  request<T = unknown>(method: string, path: string, body?: unknown, options?: RequestOptions<T>): Promise<ApiResponse<T>>;
}

/** A non-2xx answer from the API after any retries, or a 2xx that did not come from newswatch. */
export class ApiError extends CliError {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    readonly apiMessage: string,
    readonly details: readonly unknown[],
    hints: readonly string[] = hintFor(status, apiMessage),
  ) {
    super(`${apiMessage} (HTTP ${status}${code ? ` ${code}` : ''})`, 1, [...details.map(formatDetail), ...hints]);
    this.name = 'ApiError';
  }
}

/**
 * An answer that did not come from newswatch at all (another server at that address, a proxy's page):
 * whatever the request, every other request to that address gets the same.
 */
export class NotNewswatchError extends ApiError {
  override name = 'NotNewswatchError';
}

/** The server could not be reached at all (after retries, or at once for a refused connection). */
export class ConnectionError extends CliError {
  constructor(
    readonly url: string,
    readonly reason: string,
    readonly refused: boolean,
  ) {
    // Refused: nothing listens on that port at all (a wrong --url port, or the runtime not started).
    super(`${refused ? `nothing newswatch is listening at ${url}` : `cannot reach ${url}`} (${reason}) — ${connectionHint(url)}`);
    this.name = 'ConnectionError';
  }
}

/** A request not sent because its deadline had passed (`newswatch smoke --timeout`): nothing is known of the server. */
export class OutOfTime extends CliError {
  constructor(readonly url: string) {
    super(`no request sent to ${url}: the time given for it (--timeout) was up`);
    this.name = 'OutOfTime';
  }
}

const MAX_RETRY_AFTER_MS = 30_000;

export function createApiClient(options: ApiClientOptions): ApiClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? ((url, init) => fetch(url, init));
  const policy = options.retry ?? defaultRetryPolicy;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 30_000;

  async function request<T>(
    method: string,
    path: string,
    body?: unknown,
    { expect, deadline }: RequestOptions<T> = {},
  ): Promise<ApiResponse<T>> {
    const url = `${baseUrl}${path}`;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.apiKey) headers['x-api-key'] = options.apiKey;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const payload = body === undefined ? undefined : JSON.stringify(body);

    /** Whether a retry after `delayMs` still begins before the deadline. */
    const inTime = (delayMs: number) => deadline === undefined || now() + delayMs < deadline;
    for (let attempt = 1; ; attempt++) {
      const canRetry = attempt < policy.maxAttempts;
      const left = deadline === undefined ? timeoutMs : Math.min(timeoutMs, deadline - now());
      if (left <= 0) throw new OutOfTime(baseUrl);
      let response: Response;
      try {
        response = await doFetch(url, { method, headers, body: payload, signal: AbortSignal.timeout(left) });
      } catch (error) {
        const failure = describeNetworkError(error);
        // A refused connection will not be accepted a second later: say so at once.
        if (failure.refused || failure.permanent || !canRetry) throw new ConnectionError(baseUrl, failure.reason, failure.refused);
        const delayMs = nextDelayMs(attempt, policy, random);
        if (!inTime(delayMs)) throw new ConnectionError(baseUrl, failure.reason, false);
        options.onRetry?.({ attempt, delayMs, reason: failure.reason });
        await sleep(delayMs);
        continue;
      }
      const retryDelayMs =
        isRetryableStatus(response.status) && canRetry
          ? nextDelayMs(attempt, policy, random, retryAfterMs(response.headers.get('retry-after'), now(), MAX_RETRY_AFTER_MS))
          : undefined;
      if (retryDelayMs !== undefined && inTime(retryDelayMs)) {
        await response.body?.cancel().catch(() => undefined);
        options.onRetry?.({ attempt, delayMs: retryDelayMs, reason: `HTTP ${response.status}` });
        await sleep(retryDelayMs);
        continue;
      }
      const parsed = await readBody(response);
      const marked = response.headers.get(NEWSWATCH_HEADER) === NEWSWATCH_HEADER_VALUE;
      // A 2xx is not proof of newswatch either: the SNS/SQS stand-in answers 200 to anything posted to it.
      if (!response.ok || !(expect ?? isJson)(parsed)) {
        if (response.ok && marked && expect && isJson(parsed)) throw otherVersion(response.status, baseUrl, expect.explain?.(parsed));
        throw toApiError(response.status, parsed, baseUrl, response.ok && isRecord(parsed) ? [OLDER_STACK_HINT] : []);
      }
      // An empty answer (a 204), or one no schema checks (a DELETE's), has no shape to tell newswatch by:
      // newswatch marks every answer with a header.
      if ((parsed === null || !expect) && !marked) {
        const what = parsed === null ? 'an empty answer' : 'JSON';
        throw notNewswatch(response.status, `${what} without the x-newswatch header newswatch sends`, baseUrl, [STACK_HINT]);
      }
      return { status: response.status, body: parsed as T };
    }
  }

  return { baseUrl, request };
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: these are what it removes.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * An `expect` for the answer `schema` describes (functions/core/api-answers.ts): another server's empty
 * 200, or JSON of its own, does not parse. The body is handed on as it came, not as parsed, so `--json`
 * prints fields this version does not know too.
 */
export function answerShape<S extends z.ZodMiniType>(schema: S): AnswerCheck<z.infer<S>> {
  const check = (body: unknown): body is z.infer<S> => schema.safeParse(body).success;
  const explain = (body: unknown) => {
    const issue = schema.safeParse(body).error?.issues[0];
    // A path may hold keys the server chose (a topic's term names): printed without control characters.
    const path = issue?.path.join('.').replace(CONTROL_CHARACTERS, '');
    return issue && `${path ? `field "${path}"` : 'the answer'}: ${issue.message}`;
  };
  return Object.assign(check, { explain });
}

/** readBody gives text only when the body is not JSON: newswatch never answers a bare JSON string. */
const isJson = (body: unknown): boolean => typeof body !== 'string';

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text.length === 0) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Reads the contract error shape, and API Gateway's own `{"message"}` (deployed, it answers 401/403/404
 * before any function runs). Anything else did not come from newswatch: some other server holds that
 * address (a wrong --url port), or a proxy in front of it answered — said in one line, never the page.
 */
export function toApiError(status: number, body: unknown, baseUrl?: string, hints: readonly string[] = []): ApiError {
  const error = isRecord(body) && isRecord(body.error) ? body.error : undefined;
  if (error && typeof error.message === 'string') {
    const details = Array.isArray(error.details) ? error.details : [];
    return new ApiError(status, typeof error.code === 'string' ? error.code : undefined, error.message, details);
  }
  if (isRecord(body) && typeof body.message === 'string') return new ApiError(status, undefined, body.message, []);
  const what =
    typeof body === 'string' && /^\s*</.test(body) ? 'a page that is not newswatch JSON' : 'something that is not newswatch JSON';
  return notNewswatch(status, what, baseUrl, hints);
}

/**
 * JSON of another shape in a 2xx may also be newswatch's own from a stack deployed by an older version
 * (a field this CLI reads was added since): the hint beside "check --url".
 */
const OLDER_STACK_HINT = 'hint: a newswatch stack older than this CLI may lack a field it reads: `npx cdk deploy` first';

/** A stack deployed before newswatch marked its answers sends no header: the hint for an unmarked empty answer. */
const STACK_HINT = 'hint: a newswatch stack deployed before its answers carried x-newswatch needs `npx cdk deploy` first';

/**
 * A 2xx of another shape marked as newswatch's: the server is a newswatch of another version than this
 * CLI (an older stack lacks a field it reads; a newer one may send a value it does not know yet).
 */
function otherVersion(status: number, baseUrl: string, where: string | undefined): ApiError {
  return new ApiError(status, undefined, `newswatch at ${baseUrl} answered in a shape this CLI does not read`, where ? [where] : [], [
    'hint: the server and this CLI are different versions: `npx cdk deploy` this checkout, or use the CLI of the deployed version',
  ]);
}

/** An answer that did not come from newswatch: `what` it was, said in one line, never the page. */
function notNewswatch(status: number, what: string, baseUrl: string | undefined, hints: readonly string[] = []): ApiError {
  const where = baseUrl ? `nothing newswatch is listening at ${baseUrl}` : 'not a newswatch API';
  return new NotNewswatchError(
    status,
    undefined,
    `${where}: it answered with ${what}`,
    [],
    ['hint: check --url / NEWSWATCH_URL (the local runtime prints its address when it starts)', ...hints],
  );
}

/** One detail of a contract error as a line: `field: reason`, whatever shape the server used. */
export function formatDetail(detail: unknown): string {
  if (typeof detail === 'string') return detail;
  if (!isRecord(detail)) return JSON.stringify(detail);
  const rawPath = detail.field ?? detail.path;
  const path = Array.isArray(rawPath) ? rawPath.join('.') : typeof rawPath === 'string' ? rawPath : undefined;
  const message = typeof detail.message === 'string' ? detail.message : typeof detail.reason === 'string' ? detail.reason : undefined;
  if (message === undefined) return JSON.stringify(detail);
  return path ? `${path}: ${message}` : message;
}

function hintFor(status: number, apiMessage: string): string[] {
  if (status === 401) return ['hint: check --api-key / NEWSWATCH_API_KEY'];
  if (status === 403 && /earlier run/.test(apiMessage))
    return ['hint: unset NEWSWATCH_API_KEY (and drop --api-key): the CLI then reads the current key by itself'];
  // The API does not say which of the three it is (an unknown key is not told apart from a known one).
  if (status === 403)
    return [
      'hint: the API key is unknown or revoked (`newswatch keys list` with an admin key shows it), or lacks the scope this command needs (`newswatch keys create --help`)',
    ];
  return [];
}

export function isLocalUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return host === 'localhost' || host === '127.0.0.1' || host === '[::1]' || host === '::1';
  } catch {
    return false;
  }
}

function connectionHint(url: string): string {
  return isLocalUrl(url) ? 'is `npm start` running?' : 'check --url / NEWSWATCH_URL';
}

interface NetworkFailure {
  reason: string;
  refused: boolean;
  /** Failures no retry can fix (an unknown host). */
  permanent: boolean;
}

/** undici's fetch reports `TypeError: fetch failed` with the socket error (or an AggregateError) as its cause. */
export function describeNetworkError(error: unknown): NetworkFailure {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return { reason: 'timed out', refused: false, permanent: false };
  }
  const cause = error instanceof Error ? error.cause : undefined;
  // fetch refuses ports on the spec's "bad port" list (1, 22, 25, …) before connecting.
  if (cause instanceof Error && cause.message === 'bad port')
    return { reason: 'this port is blocked by fetch', refused: false, permanent: true };
  const code = errorCode(cause) ?? errorCode(error);
  if (code === 'ECONNREFUSED') return { reason: 'connection refused', refused: true, permanent: false };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return { reason: `unknown host (${code})`, refused: false, permanent: code === 'ENOTFOUND' };
  return { reason: code ?? (error instanceof Error ? error.message : 'network error'), refused: false, permanent: false };
}

function errorCode(error: unknown): string | undefined {
  if (!isRecord(error)) return undefined;
  if (typeof error.code === 'string') return error.code;
  if (Array.isArray(error.errors)) return error.errors.map(errorCode).find((code) => code !== undefined);
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
