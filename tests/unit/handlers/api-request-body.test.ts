/**
 * How a request body is read, as API Gateway hands it to the handler. One with no body at all
 * (`curl -X POST` without `-d`: no `body` in the event) to a route whose every body field is optional
 * is read as `{}`; a route with a required field still answers it with 400 invalid_json. A body is
 * read as JSON whatever its content-type says; when it is no JSON, the answer names the header.
 */
import './support/env';
import { beforeEach, describe, expect, it } from 'vitest';
import { handler as api } from '../../../functions/handlers/api';
import { handler as ingest } from '../../../functions/handlers/ingest';
import { bodyOf, context, httpEvent } from './support/events';
import { fakeTable } from './support/fake-table';

const table = fakeTable();

beforeEach(() => table.reset());

describe('a request without a body', () => {
  it('polls every feed at POST /feeds/poll, as for {}', async () => {
    const response = await api(httpEvent('POST /feeds/poll'), context);

    expect([response.statusCode, bodyOf(response)]).toEqual([200, { results: [] }]);
  });

  it('sends both deliveries at POST /digests, as for {}', async () => {
    const response = await api(httpEvent('POST /digests'), context);

    expect([response.statusCode, bodyOf(response)]).toEqual([200, { items: [] }]);
  });

  it('is still checked field by field at POST /digests when a body is sent', async () => {
    const response = await api(httpEvent('POST /digests', { body: { delivery: 'weekly' } }), context);

    expect(response.statusCode).toBe(400);
    expect(bodyOf(response).error.details).toEqual([{ path: 'delivery', message: 'must be hourly or daily' }]);
  });

  it.each(['POST /digests', 'POST /feeds/poll'])(
    'refuses a body of null at %s as it refuses any body that is no object',
    async (routeKey) => {
      const response = await api(httpEvent(routeKey, { rawBody: 'null', headers: { 'content-type': 'application/json' } }), context);

      expect(response.statusCode).toBe(400);
      expect(bodyOf(response).error.code).toBe('validation_failed');
    },
  );

  it.each([
    ['POST /subscriptions', api],
    ['POST /feeds', api],
    ['POST /articles', ingest],
  ] as const)('answers 400 invalid_json at %s, whose body has required fields', async (routeKey, handler) => {
    const response = await handler(httpEvent(routeKey), context);

    expect(response.statusCode).toBe(400);
    expect(bodyOf(response).error).toMatchObject({ code: 'invalid_json', message: 'Request body is empty: send a JSON document' });
  });

  it.each(['PUT /watchlist/people/{id}', 'PUT /watchlist/topics/{id}'])('answers 400 invalid_json at %s', async (routeKey) => {
    const response = await api(httpEvent(routeKey, { id: 'someone' }), context);

    expect(response.statusCode).toBe(400);
    expect(bodyOf(response).error.code).toBe('invalid_json');
  });

  it('is not a body of only white space, which is no JSON document', async () => {
    const response = await api(httpEvent('POST /feeds/poll', { rawBody: ' \n' }), context);

    expect(response.statusCode).toBe(400);
    expect(bodyOf(response).error.code).toBe('invalid_json');
  });
});

describe('a body sent with a content-type other than JSON', () => {
  it('is read as JSON, as the contract takes JSON in without asking for the header', async () => {
    const response = await api(
      httpEvent('POST /feeds/poll', { rawBody: '{}', headers: { 'content-type': 'text/plain;charset=UTF-8' } }),
      context,
    );

    expect([response.statusCode, bodyOf(response)]).toEqual([200, { results: [] }]);
  });

  it('answers 400 invalid_json naming the content-type header, without quoting it, when it is no JSON', async () => {
    const formType = 'application/x-www-form-urlencoded';
    const response = await api(httpEvent('POST /digests', { rawBody: 'delivery=hourly', headers: { 'content-type': formType } }), context);

    expect(response.statusCode).toBe(400);
    expect(bodyOf(response).error).toEqual({
      code: 'invalid_json',
      message: 'Request body is not valid JSON; its content-type header does not say application/json',
    });
  });

  it.each(['application/json', 'application/json; charset=utf-8', 'application/merge-patch+json'])(
    'answers 400 invalid_json without a word on the header when it says %s',
    async (type) => {
      const response = await api(
        httpEvent('POST /digests', { rawBody: '{"delivery": hourly}', headers: { 'content-type': type } }),
        context,
      );

      expect(response.statusCode).toBe(400);
      expect(bodyOf(response).error.message).toMatch(/^Request body is not valid JSON( \(at character \d+\))?$/);
    },
  );
});

describe('a body that is not UTF-8', () => {
  it('answers 400 invalid_json when its bytes reach the handler, rather than storing U+FFFD in their place', async () => {
    const latin1 = Buffer.from('{"id": "latin1", "body": "Viktor Bout in Z\u00fcrich"}', 'latin1');
    const event = { ...httpEvent('POST /articles'), body: latin1.toString('base64'), isBase64Encoded: true };

    const response = await ingest(event, context);

    expect(response.statusCode).toBe(400);
    expect(bodyOf(response).error).toEqual({
      code: 'invalid_json',
      message: 'Request body is not UTF-8: send the JSON encoded as UTF-8',
      details: [{ path: '(root)', message: 'must be UTF-8' }],
    });
    expect(table.ddb.calls()).toHaveLength(0);
  });
});
