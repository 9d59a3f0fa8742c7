/**
 * What the local HTTP API answers a request that node's HTTP parser refuses before any handler sees it
 * (a URL or headers past the header limit, a malformed request line, a request that never finished
 * arriving). Node's own answer is a bare status line with no body; this one keeps node's status and
 * adds the error shape every other refusal of the local server has, naming the problem (never quoting
 * the request: error bodies never echo input). The socket is then closed.
 */
import http from 'node:http';
import type { Duplex } from 'node:stream';
import { errorBody, JSON_HEADERS } from '../../handlers/http/responses';

export interface ClientRefusal {
  status: number;
  code: string;
  message: string;
}

/** What the server holds a request to, as the refusals name it. */
export interface ParserLimits {
  /** Request line and headers together, in bytes (node's `--max-http-header-size`, 16 KiB by default). */
  maxHeaderBytes: number;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
}

const NOT_HTTP = 'The request is not valid HTTP/1.1';

/** The parser's reasons for a 400, as a client can act on them (llhttp's error codes). */
const MALFORMED: Readonly<Record<string, string>> = {
  HPE_INVALID_METHOD: `${NOT_HTTP}: its request line does not start with an HTTP method (GET, POST, ...)`,
  HPE_INVALID_URL: `${NOT_HTTP}: the URL in its request line is malformed (spaces and control characters must be %-encoded)`,
  HPE_INVALID_VERSION: `${NOT_HTTP}: its request line does not end with a valid HTTP version`,
  HPE_INVALID_CONSTANT: `${NOT_HTTP}: its request line does not end with a valid HTTP version`,
  HPE_INVALID_HEADER_TOKEN: `${NOT_HTTP}: a header name or value holds a character HTTP does not allow`,
  // As Node's parser (llhttp) names them: a content-length that is not a number, or one beside transfer-encoding; two of them.
  HPE_INVALID_CONTENT_LENGTH: `${NOT_HTTP}: its content-length header is not a number, or comes with a transfer-encoding header`,
  HPE_UNEXPECTED_CONTENT_LENGTH: `${NOT_HTTP}: its content-length header is given twice`,
  HPE_INVALID_TRANSFER_ENCODING: `${NOT_HTTP}: its transfer-encoding header is not one this server reads (chunked last)`,
  HPE_INVALID_CHUNK_SIZE: `${NOT_HTTP}: a chunk of its chunked body has a malformed size`,
  HPE_CR_EXPECTED: `${NOT_HTTP}: a line of its request line or headers does not end with CRLF`,
  HPE_LF_EXPECTED: `${NOT_HTTP}: a line of its request line or headers does not end with CRLF`,
};

const URL_SPACE = `${NOT_HTTP}: its URL holds a space, which must be percent-encoded (%20, or + in a query string)`;

/**
 * Whether the refused request's line is `METHOD URL HTTP/x` with more parts than three: a client (`curl
 * 'http://host/articles?q=a b'`, a hand-written request) sent a space of its URL as it is, and the parser
 * took what followed it for the HTTP version. Read from the packet the parser was given, and only when it
 * holds the whole request line.
 */
function urlHoldsSpace(error: NodeJS.ErrnoException): boolean {
  const packet = (error as { rawPacket?: unknown }).rawPacket;
  if (!Buffer.isBuffer(packet)) return false;
  const end = packet.indexOf(0x0a);
  if (end === -1) return false;
  const parts = packet.subarray(0, end).toString('latin1').replace(/\r$/, '').split(' ');
  return parts.length > 3 && /^[A-Z]+$/.test(parts[0]!) && parts[1] !== '' && /^HTTP\/\d/.test(parts.at(-1)!);
}

/** The answer to a parser error: node's status (431, 413, 408 or 400) with a message naming the problem. */
export function clientRefusal(error: NodeJS.ErrnoException, limits: ParserLimits): ClientRefusal {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return {
        status: 431,
        code: 'request_headers_too_large',
        message: `Request headers or URL too large (limit ${limits.maxHeaderBytes} bytes for the request line and headers together): send a shorter URL or fewer headers`,
      };
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return { status: 413, code: 'payload_too_large', message: 'The chunk extensions of the request body are too large' };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return {
        status: 408,
        code: 'request_timeout',
        message: `The request did not arrive in time (its headers within ${limits.headersTimeoutMs / 1000} s, all of it within ${limits.requestTimeoutMs / 1000} s)`,
      };
    default:
      return {
        status: 400,
        code: 'malformed_request',
        message: urlHoldsSpace(error) ? URL_SPACE : ((error.code && MALFORMED[error.code]) ?? NOT_HTTP),
      };
  }
}

/** The whole HTTP/1.1 response for a refusal, written straight to the socket (there is no response object). */
export function refusalResponse(refusal: ClientRefusal, now = new Date()): string {
  const body = JSON.stringify(errorBody(refusal.code, refusal.message));
  const headers: Record<string, string | number> = {
    ...JSON_HEADERS,
    'content-length': Buffer.byteLength(body),
    date: now.toUTCString(),
    connection: 'close',
  };
  const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
  return `HTTP/1.1 ${refusal.status} ${http.STATUS_CODES[refusal.status] ?? ''}\r\n${head.join('\r\n')}\r\n\r\n${body}`;
}

/** How long a refused connection is read and dropped before it is closed (see answerClientErrors). */
const LINGER_MS = 1_000;

/**
 * Answers the server's parser errors (its 'clientError' event) in the error shape. `answering` says
 * whether a response on that socket has begun: bytes written then would corrupt it, so such a socket is
 * only closed, as node does. The answer is sent with the socket's write side closed after it; what the
 * client still sends (the rest of an over-long URL) is read and dropped for a moment, so that the answer
 * is not lost to a reset, and the socket is then destroyed whatever the client does.
 */
export function answerClientErrors(server: http.Server, limits: ParserLimits, answering: (socket: Duplex) => boolean): void {
  const refused = new WeakSet<Duplex>();
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // The parser reports the same failure again for each later chunk of a refused request.
    if (refused.has(socket)) return;
    refused.add(socket);
    if (error.code === 'ECONNRESET' || !socket.writable || answering(socket)) {
      socket.destroy();
      return;
    }
    socket.end(refusalResponse(clientRefusal(error, limits)));
    const linger = setTimeout(() => socket.destroy(), LINGER_MS);
    linger.unref();
    socket.once('close', () => clearTimeout(linger));
  });
}
