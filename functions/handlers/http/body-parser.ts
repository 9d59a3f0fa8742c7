import { isUtf8 } from 'node:buffer';
import type { MiddlewareObj } from '@middy/core';
import { InvalidJson, PayloadTooLarge, UnsupportedContentEncoding } from '../../core/errors';
import { routes } from '../../core/routes';
import { withoutByteOrderMark } from '../../core/text/byte-order-mark';
import type { HttpEvent, HttpResult } from './types';

const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);
/** The only content coding read: none. API Gateway passes a compressed body on undecoded. */
const IDENTITY = /^\s*(identity)?\s*$/i;
/** Routes whose body fields are all optional: no body at all is `{}` there, and nowhere else. */
const BODY_OPTIONAL = new Set(routes.filter((route) => route.bodyOptional).map((route) => route.key));

/** `application/json` and its `+json` kin, parameters allowed. */
const JSON_TYPE = /^\s*application\/([\w.-]+\+)?json\s*(;|$)/i;

/**
 * Every body is read as JSON whatever its content-type says (the contract says JSON in, and clients
 * that send none, or fetch's text/plain, work today); when it is no JSON and the header named another
 * type, the answer says so. The header's value is not quoted: error bodies never echo input.
 */
function typeHint(event: HttpEvent): string {
  const type = event.headers?.['content-type'];
  return type === undefined || JSON_TYPE.test(type) ? '' : '; its content-type header does not say application/json';
}

/** A compressed body would otherwise fail as "not valid JSON", which hides what to change. */
function refuseCompressed(event: HttpEvent): void {
  const encoding = event.headers?.['content-encoding'];
  if (encoding === undefined || IDENTITY.test(encoding)) return;
  throw new UnsupportedContentEncoding('Request bodies are read as sent: send the JSON uncompressed, without a content-encoding header', [
    { path: 'content-encoding', message: 'must be absent or identity' },
  ]);
}

/**
 * Decodes the body (base64 when API Gateway says so), refuses a compressed one with a 415 and one over
 * `maxBytes` with a 413 before parsing, and parses JSON into `event.parsedBody`; bytes that are not UTF-8 and
 * bad JSON are a 400 `invalid_json`,
 * and so is no body at all, but on a route whose body fields are all optional, where it is `{}`.
 */
export function jsonBodyParser(maxBytes: () => number): MiddlewareObj<HttpEvent, HttpResult> {
  return {
    before: (request) => {
      const event = request.event;
      const method = event.requestContext?.http?.method ?? 'GET';
      if (!METHODS_WITH_BODY.has(method)) return;
      refuseCompressed(event);
      const raw = event.body ? Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8') : Buffer.alloc(0);
      const limit = maxBytes();
      if (raw.byteLength > limit) {
        throw new PayloadTooLarge(`Request body is ${raw.byteLength} bytes; the limit is ${limit} bytes`, [
          { path: '(root)', message: `larger than ${limit} bytes` },
        ]);
      }
      if (raw.byteLength === 0) {
        if (!BODY_OPTIONAL.has(event.routeKey)) throw new InvalidJson('Request body is empty: send a JSON document');
        event.parsedBody = {};
        return;
      }
      // Decoding other bytes would store U+FFFD in their place: the text the client sent would be lost unseen.
      if (!isUtf8(raw)) {
        throw new InvalidJson('Request body is not UTF-8: send the JSON encoded as UTF-8', [{ path: '(root)', message: 'must be UTF-8' }]);
      }
      try {
        event.parsedBody = JSON.parse(withoutByteOrderMark(raw.toString('utf8')));
      } catch (error) {
        // The parser's own message quotes the body: only its position is passed on (error bodies never echo input).
        const at = /position (\d+)/.exec((error as Error).message)?.[1];
        throw new InvalidJson(`Request body is not valid JSON${at ? ` (at character ${at})` : ''}${typeHint(event)}`);
      }
    },
  };
}
