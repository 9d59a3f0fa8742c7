import './support/env';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApiKey, registerApiKey, revokeApiKey } from '../../../functions/adapters/api-key-store';
import { handler } from '../../../functions/handlers/authorizer';
import { logger, metrics } from '../../../functions/handlers/observability';
import { context } from './support/events';
import { fakeTable } from './support/fake-table';

const table = fakeTable();

function authEvent(routeKey: string, key?: string): APIGatewayRequestAuthorizerEventV2 {
  return {
    version: '2.0',
    type: 'REQUEST',
    routeArn: 'arn:aws:execute-api:us-east-1:000000000000:api/$default/POST/articles',
    identitySource: key ? [key, routeKey] : [routeKey],
    routeKey,
    rawPath: '/articles',
    rawQueryString: '',
    cookies: [],
    headers: key ? { 'x-api-key': key } : {},
    requestContext: { http: { method: routeKey.split(' ')[0] } } as APIGatewayRequestAuthorizerEventV2['requestContext'],
  } as APIGatewayRequestAuthorizerEventV2;
}

const authorize = (routeKey: string, key?: string) => handler(authEvent(routeKey, key), context);

beforeEach(() => table.reset());

/** A minted key's secret: everything after `nw_<keyId>_` (base64url, which may itself hold underscores, even first). */
function secretOf(key: string): string {
  const secret = key.split('_').slice(2).join('_');
  expect(secret.length).toBeGreaterThanOrEqual(43);
  return secret;
}
afterEach(() => vi.restoreAllMocks());

describe('authorizer', () => {
  it('allows a key whose scope covers the route and passes its id on', async () => {
    const { key, keyId } = await createApiKey(['ingest']);

    const result = await authorize('POST /articles', key);

    expect(result).toEqual({ isAuthorized: true, context: { keyId, scopes: 'ingest' } });
  });

  it('stores only the hash of a minted key, never the key', async () => {
    const { key, keyId } = await createApiKey(['read']);

    const stored = table.get('APIKEYS', keyId);

    expect(stored).toMatchObject({ keyId, scopes: ['read'], hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(JSON.stringify(stored)).not.toContain(secretOf(key));
  });

  it('stores a label trimmed, and refuses to mint a key with an empty one', async () => {
    const { keyId } = await createApiKey(['read'], { label: '  scraper ' });

    expect(table.get('APIKEYS', keyId)).toMatchObject({ label: 'scraper' });
    await expect(createApiKey(['read'], { label: ' ' })).rejects.toThrow('must not be empty');
  });

  it('refuses a key without the scope the route needs', async () => {
    const { key } = await createApiKey(['ingest']);

    expect((await authorize('GET /subscriptions', key)).isAuthorized).toBe(false);
  });

  it('lets an admin key call every route', async () => {
    const { key } = await createApiKey(['admin']);

    expect((await authorize('DELETE /watchlist/people/{id}', key)).isAuthorized).toBe(true);
  });

  it('refuses a revoked key', async () => {
    const { key, keyId } = await createApiKey(['ingest']);
    table.put({ ...table.get('APIKEYS', keyId), revokedAt: '2026-01-01T00:00:00.000Z' });

    expect((await authorize('POST /articles', key)).isAuthorized).toBe(false);
  });

  it('refuses an unknown key of the right shape', async () => {
    const { key } = await createApiKey(['ingest']);
    const forged = `${key.slice(0, -4)}AAAA`;

    expect((await authorize('POST /articles', forged)).isAuthorized).toBe(false);
  });

  it('refuses a missing key or a malformed minted one without reading the table', async () => {
    expect((await authorize('POST /articles')).isAuthorized).toBe(false);
    expect((await authorize('POST /articles', 'nw_not_a_minted_key')).isAuthorized).toBe(false);
    expect((await authorize('POST /articles', 'k'.repeat(257))).isAuthorized).toBe(false);
    expect(table.ddb.calls()).toHaveLength(0);
  });

  it('refuses a short key no one registered after looking it up (the local runtime may register one)', async () => {
    expect((await authorize('POST /articles', 'nope')).isAuthorized).toBe(false);
    expect(table.ddb.calls().length).toBeGreaterThan(0);
  });

  it('reports its cold start as a ColdStart metric for its own function name', async () => {
    const capture = vi.spyOn(metrics, 'captureColdStartMetric');

    await authorize('GET /articles');

    expect(capture).toHaveBeenCalledWith(context.functionName);
    capture.mockRestore();
  });

  it('refuses a route that is not in the route table', async () => {
    const { key } = await createApiKey(['admin']);

    expect((await authorize('DELETE /articles/{id}', key)).isAuthorized).toBe(false);
  });

  it('never logs the presented key', async () => {
    const logged: unknown[] = [];
    vi.spyOn(logger, 'info').mockImplementation((...args: unknown[]) => void logged.push(args));
    const { key } = await createApiKey(['read']);

    await authorize('POST /articles', key);

    expect(logged).toHaveLength(1);
    expect(JSON.stringify(logged)).not.toContain(secretOf(key));
  });

  it('accepts an operator-chosen key registered by the local runtime', async () => {
    await registerApiKey('local-dev-key-1234567890', ['admin']);

    expect((await authorize('POST /subscriptions', 'local-dev-key-1234567890')).isAuthorized).toBe(true);
  });
});

describe('revokeApiKey', () => {
  it('marks an existing key revoked, only if it exists', async () => {
    const { keyId } = await createApiKey(['read']);
    table.ddb.on(UpdateCommand).resolves({});

    expect(await revokeApiKey(keyId)).toBe(true);
    expect(table.ddb).toReceiveCommandWith(UpdateCommand, {
      Key: { pk: 'APIKEYS', sk: keyId },
      ConditionExpression: 'attribute_exists(pk)',
    });
  });

  it('reports false for a key that does not exist', async () => {
    table.ddb.on(UpdateCommand).rejects(new ConditionalCheckFailedException({ message: 'no', $metadata: {} }));

    expect(await revokeApiKey('abcdefabcdef')).toBe(false);
  });
});
