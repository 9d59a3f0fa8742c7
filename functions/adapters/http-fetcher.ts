/**
 * Polite, guarded HTTP GET for feeds and article pages: conditional requests, a User-Agent naming
 * newswatch, connect and total timeouts, a size cap on the decoded body, at most MAX_REDIRECTS
 * redirects, a per-host concurrency limit and, when `publicOnly`, an address guard that resolves
 * every hop's host and refuses any non-public address (checked at connect time, so a DNS answer
 * cannot change between the check and the connection).
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import zlib from 'node:zlib';
import { isPublicAddress, literalAddress } from '../core/feeds/address-policy';
import { HostLimiter } from './host-limiter';

export const USER_AGENT = 'newswatch/0.1 (feed poller; +https://www.npmjs.com/package/newswatch)';
export const MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export interface FetchOptions {
  /** Refuse loopback, private, link-local and unique-local addresses (deployed: true). */
  publicOnly: boolean;
  /** Which resolved addresses may be connected to when `publicOnly` (default: public ones; tests narrow it). */
  addressAllowed: (address: string) => boolean;
  connectTimeoutMs: number;
  totalTimeoutMs: number;
  /**
   * How long a fetch may wait, in all, for its host's place behind other feeds of that host before its
   * first request (past it: `host_busy`, never asked). The whole fetch then ends within this and
   * totalTimeoutMs, so `POST /feeds/poll` answers within API Gateway's 30 s.
   */
  maxWaitMs: number;
  maxBytes: number;
  perHostConcurrency: number;
}

export const defaultFetchOptions: FetchOptions = {
  publicOnly: true,
  addressAllowed: isPublicAddress,
  connectTimeoutMs: 5_000,
  totalTimeoutMs: 20_000,
  maxWaitMs: 5_000,
  maxBytes: 5 * 1024 * 1024,
  perHostConcurrency: 2,
};

export interface ConditionalHeaders {
  etag?: string;
  lastModified?: string;
}

export type FetchResult =
  | { kind: 'not_modified'; status: 304; url: string }
  | { kind: 'ok'; status: number; url: string; body: Uint8Array; contentType?: string; etag?: string; lastModified?: string }
  | { kind: 'http_error'; status: number; url: string; retryAfter?: string };

export type FetchErrorCode = 'blocked_address' | 'bad_url' | 'too_many_redirects' | 'too_large' | 'timeout' | 'network' | 'host_busy';

/** A fetch that got no usable HTTP answer; `code` is stable, `message` safe to show the feed's owner. */
export class FetchError extends Error {
  override readonly name = 'FetchError';
  constructor(
    readonly code: FetchErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface Fetcher {
  get(url: string, accept: string, conditional?: ConditionalHeaders): Promise<FetchResult>;
}

export function createFetcher(options: Partial<FetchOptions> = {}): Fetcher {
  const settings = { ...defaultFetchOptions, ...options };
  const limiter = new HostLimiter(settings.perHostConcurrency);
  const lookup = settings.publicOnly ? guardedLookup(settings.addressAllowed) : undefined;
  return {
    async get(url, accept, conditional = {}) {
      // The time allowed starts with the first request, not while it waits for its host: a feed queued
      // behind a slow one on the same host is asked, and judged by its own answer. The wait itself is
      // bounded, and so is the whole fetch (redirects included; a redirect's next hop goes first in line).
      const waitUntil = Date.now() + settings.maxWaitMs;
      let deadline: number | undefined;
      let current = url;
      for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
        const target = checkedUrl(current, settings);
        const answer = await limiter.run(
          target.host,
          () => {
            if (deadline === undefined && Date.now() > waitUntil) {
              throw new FetchError('host_busy', `not asked: its host was busy with other feeds for over ${settings.maxWaitMs} ms`);
            }
            deadline ??= Date.now() + settings.totalTimeoutMs;
            return request(target, accept, hop === 0 ? conditional : {}, settings, deadline, lookup);
          },
          hop > 0,
        );
        if (answer.kind !== 'redirect') return answer;
        current = new URL(answer.location, target).href;
      }
      throw new FetchError('too_many_redirects', `more than ${MAX_REDIRECTS} redirects`);
    },
  };
}

function checkedUrl(raw: string, { publicOnly, addressAllowed }: FetchOptions): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new FetchError('bad_url', 'not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FetchError('bad_url', 'only http and https URLs can be fetched');
  const literal = literalAddress(url.hostname);
  // Node connects to an IP literal without calling `lookup`, so literals are judged here.
  if (publicOnly && literal !== undefined && !addressAllowed(literal)) throw blocked(literal);
  return url;
}

function blocked(address: string): FetchError {
  return new FetchError('blocked_address', `refused: ${address} is not a public address`);
}

/** dns.lookup, then refuse the connection if any address it gives is not allowed. */
const guardedLookup =
  (allowed: (address: string) => boolean): LookupFunction =>
  (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const bad = addresses.find((a) => !allowed(a.address));
      if (bad) return callback(blocked(bad.address), '', 0);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0]!;
      callback(null, first.address, first.family);
    });
  };

type Answer = FetchResult | { kind: 'redirect'; location: string };

function request(
  url: URL,
  accept: string,
  conditional: ConditionalHeaders,
  settings: FetchOptions,
  deadline: number,
  lookup?: LookupFunction,
): Promise<Answer> {
  return new Promise<Answer>((resolve, reject) => {
    const remaining = deadline - Date.now();
    if (remaining <= 0) return reject(new FetchError('timeout', 'no complete answer in time'));
    const client = url.protocol === 'https:' ? https : http;
    const req = client.get(url, {
      headers: {
        'user-agent': USER_AGENT,
        accept,
        'accept-encoding': 'gzip, deflate, br',
        ...(conditional.etag && { 'if-none-match': conditional.etag }),
        ...(conditional.lastModified && { 'if-modified-since': conditional.lastModified }),
      },
      ...(lookup && { lookup }),
      agent: false,
    });
    const fail = (error: FetchError) => {
      req.destroy();
      reject(error);
    };
    const total = setTimeout(() => fail(new FetchError('timeout', `no complete answer within ${settings.totalTimeoutMs} ms`)), remaining);
    const connect = setTimeout(
      () => fail(new FetchError('timeout', `could not connect within ${settings.connectTimeoutMs} ms`)),
      settings.connectTimeoutMs,
    );
    req.on('socket', (socket) => socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', () => clearTimeout(connect)));
    const done = () => {
      clearTimeout(total);
      clearTimeout(connect);
    };
    req.on('error', (error) => {
      done();
      reject(error instanceof FetchError ? error : new FetchError('network', networkMessage(error)));
    });
    req.on('response', (res) => {
      clearTimeout(connect);
      const status = res.statusCode ?? 0;
      const header = (name: string) => singleHeader(res.headers[name]);
      if (REDIRECTS.has(status) && header('location')) {
        res.resume();
        done();
        return resolve({ kind: 'redirect', location: header('location')! });
      }
      if (status === 304) {
        res.resume();
        done();
        return resolve({ kind: 'not_modified', status: 304, url: url.href });
      }
      if (status < 200 || status > 299) {
        res.resume();
        done();
        return resolve({ kind: 'http_error', status, url: url.href, ...(header('retry-after') && { retryAfter: header('retry-after') }) });
      }
      readCapped(res, settings.maxBytes).then(
        (body) => {
          done();
          resolve({
            kind: 'ok',
            status,
            url: url.href,
            body,
            ...(header('content-type') && { contentType: header('content-type') }),
            ...(header('etag') && { etag: header('etag') }),
            ...(header('last-modified') && { lastModified: header('last-modified') }),
          });
        },
        (error: unknown) => fail(error instanceof FetchError ? error : new FetchError('network', networkMessage(error))),
      );
    });
  });
}

function singleHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The decoded body, refusing past `maxBytes` (also after decompression: a small gzip can expand hugely). */
function readCapped(res: http.IncomingMessage, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(res.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    res.destroy();
    return Promise.reject(tooLarge(maxBytes));
  }
  const stream = decoded(res);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      outcome();
    };
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) return void chunks.push(chunk);
      settle(() => reject(tooLarge(maxBytes)));
      res.destroy();
      stream.destroy();
    });
    stream.on('end', () => settle(() => resolve(Buffer.concat(chunks))));
    stream.on('error', (error) => settle(() => reject(error)));
    res.on('close', () => {
      if (!res.complete) settle(() => reject(new FetchError('network', 'the server closed the connection mid-answer')));
    });
  });
}

function tooLarge(maxBytes: number): FetchError {
  return new FetchError('too_large', `the answer is larger than ${maxBytes} bytes`);
}

function decoded(res: http.IncomingMessage): NodeJS.ReadableStream & { destroy(): void } {
  const encoding = singleHeader(res.headers['content-encoding'])?.trim().toLowerCase();
  if (encoding === 'gzip' || encoding === 'x-gzip') return res.pipe(zlib.createGunzip());
  if (encoding === 'deflate') return res.pipe(zlib.createInflate());
  if (encoding === 'br') return res.pipe(zlib.createBrotliDecompress());
  return res;
}

/** Network errors by kind, without internals (addresses of our own network, stack traces). */
function networkMessage(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'the host name could not be resolved';
  if (code === 'ECONNREFUSED') return 'the server refused the connection';
  if (code === 'ECONNRESET') return 'the server reset the connection';
  if (code?.startsWith('ERR_TLS') || code?.includes('CERT')) return 'the TLS certificate could not be verified';
  return `the request failed${code ? ` (${code})` : ''}`;
}
