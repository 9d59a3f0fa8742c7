import { describe, expect, it } from 'vitest';
import { clientRefusal, refusalResponse } from '../../../functions/local/http/client-errors';

const LIMITS = { maxHeaderBytes: 16_384, headersTimeoutMs: 60_000, requestTimeoutMs: 300_000 };
const parserError = (code: string) => Object.assign(new Error('Parse Error'), { code });

describe('refusals of requests the HTTP parser rejects', () => {
  it("keeps node's statuses: 431 for headers past the limit, 413 for chunk extensions, 408 for a request that came too slowly, else 400", () => {
    const statuses = [
      'HPE_HEADER_OVERFLOW',
      'HPE_CHUNK_EXTENSIONS_OVERFLOW',
      'ERR_HTTP_REQUEST_TIMEOUT',
      'HPE_INVALID_METHOD',
      'HPE_SOMETHING_NEW',
    ].map((code) => clientRefusal(parserError(code), LIMITS).status);

    expect(statuses).toEqual([431, 413, 408, 400, 400]);
  });

  it('names the limits in the message: bytes for headers, seconds for time', () => {
    expect(clientRefusal(parserError('HPE_HEADER_OVERFLOW'), LIMITS).message).toContain('limit 16384 bytes');
    expect(clientRefusal(parserError('ERR_HTTP_REQUEST_TIMEOUT'), LIMITS).message).toContain('headers within 60 s, all of it within 300 s');
    expect(clientRefusal(parserError('HPE_SOMETHING_NEW'), LIMITS)).toEqual({
      status: 400,
      code: 'malformed_request',
      message: 'The request is not valid HTTP/1.1',
    });
  });

  it('writes a whole HTTP/1.1 response: status line, JSON headers, the exact length, connection close, the error shape', () => {
    const response = refusalResponse({ status: 408, code: 'request_timeout', message: 'late' }, new Date('2026-12-01T12:00:00Z'));

    expect(response.split('\r\n')).toEqual([
      'HTTP/1.1 408 Request Timeout',
      'content-type: application/json; charset=utf-8',
      'x-content-type-options: nosniff',
      'x-newswatch: 1',
      'content-length: 53',
      'date: Tue, 01 Dec 2026 12:00:00 GMT',
      'connection: close',
      '',
      '{"error":{"code":"request_timeout","message":"late"}}',
    ]);
  });

  it('tells a URL with a space that was not percent-encoded from any other request line the parser refuses', () => {
    const refused = (code: string, request: string) =>
      clientRefusal(Object.assign(parserError(code), { rawPacket: Buffer.from(request, 'latin1') }), LIMITS).message;
    const space = 'The request is not valid HTTP/1.1: its URL holds a space, which must be percent-encoded (%20, or + in a query string)';

    expect(refused('HPE_INVALID_CONSTANT', 'GET /articles?q=a b HTTP/1.1\r\nhost: x\r\n\r\n')).toBe(space);
    expect(refused('HPE_INVALID_VERSION', 'POST /a b c HTTP/1.0\n\n')).toBe(space);
    // Three parts, an empty one, or no version at the end: no space in a URL to name.
    expect(refused('HPE_INVALID_CONSTANT', 'GET /articles HTTQ/1.1\r\n\r\n')).toContain('valid HTTP version');
    expect(refused('HPE_INVALID_CONSTANT', 'GET  /articles HTTP/1.1\r\n\r\n')).toContain('valid HTTP version');
    expect(refused('HPE_INVALID_CONSTANT', 'GET /a b\r\n\r\n')).toContain('valid HTTP version');
    // The request line not yet whole in the packet: nothing is guessed.
    expect(refused('HPE_INVALID_CONSTANT', 'GET /a b HTT')).toContain('valid HTTP version');
    // Another error on a line with a space in its URL keeps its own message.
    expect(refused('HPE_HEADER_OVERFLOW', 'GET /a b HTTP/1.1\r\n')).toContain('Request headers or URL too large');
  });
});
