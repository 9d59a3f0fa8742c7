/**
 * The local runtime's API key is "NEWSWATCH_API_KEY when set, else generated" (README, local
 * runtime): after a restart on the same data folder, only the key of the current run opens the API.
 * Keys an operator minted with `newswatch keys create` are not the runtime's to withdraw.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApiKey, listApiKeys, revokeApiKey } from '../../functions/adapters/api-key-store';
import { api, startTestRuntime, stopTestRuntime, type TestRuntime } from './helpers';

describe('local runtime API key across restarts', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'newswatch-key-'));
  let runtime: TestRuntime | undefined;
  let ports: { port: number; snsPort: number; dynamodbPort: number } | undefined;
  afterAll(async () => {
    await stopTestRuntime(runtime, { keepData: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Stops the runtime and starts it again on the same data and ports (the handlers load once per process). */
  async function restart(apiKey?: string): Promise<TestRuntime> {
    await stopTestRuntime(runtime, { keepData: true });
    runtime = await startTestRuntime({ dataDir, port: 0, snsPort: 0, ...ports, ...(apiKey && { apiKey }) });
    ports ??= {
      port: Number(new URL(runtime.apiUrl).port),
      snsPort: Number(new URL(runtime.snsEndpoint).port),
      dynamodbPort: Number(new URL(runtime.dynamodbEndpoint).port),
    };
    return runtime;
  }

  it("refuses the previous run's key once the runtime restarts with another one", async () => {
    // Prepare: a generated key, then a chosen one (NEWSWATCH_API_KEY), then a new generated key
    const firstKey = (await restart()).apiKey;
    const chosenKey = 'my-own-local-key-0123456789';
    const chosenWorked = (await api(await restart(chosenKey), 'GET', '/watchlist')).status;
    const current = await restart();

    // Act
    const withFirst = await api(current, 'GET', '/watchlist', undefined, { 'x-api-key': firstKey });
    const withChosen = await api(current, 'GET', '/watchlist', undefined, { 'x-api-key': chosenKey });
    const withCurrent = await api(current, 'GET', '/watchlist');

    // Assess
    expect(chosenWorked).toBe(200);
    expect(withFirst.status).toBe(403);
    expect(withChosen.status).toBe(403);
    expect(withCurrent.status).toBe(200);
  });

  it("tells a caller with an earlier run's generated key that it is from an earlier run, and the data folder's runtime.json that holds the current one", async () => {
    // Prepare: two generated keys in a row (the tour's exported key, then a restart)
    const earlierKey = (await restart()).apiKey;
    const current = await restart();

    // Act
    const withEarlier = await api(current, 'GET', '/watchlist', undefined, { 'x-api-key': earlierKey });
    const withUnknown = await api(current, 'GET', '/watchlist', undefined, { 'x-api-key': 'someone-elses-key-0123456789' });
    // A key copied short (a shell word ends at the first character it does not take) is told the same.
    const cutShort = await api(current, 'GET', '/watchlist', undefined, { 'x-api-key': current.apiKey.slice(0, 16) });

    // Assess: the message names the cause and the file, never the key
    expect(withEarlier.status).toBe(403);
    expect(JSON.stringify(withEarlier.body)).toContain(
      `from an earlier run of the local runtime (npm start makes a new one each start), or mistyped; the current key is in ${join(dataDir, 'runtime.json')}`,
    );
    expect(JSON.stringify(withEarlier.body)).not.toContain(earlierKey);
    expect(JSON.stringify(withUnknown.body)).toMatch(/unknown, revoked, or lacks the scope/);
    expect(JSON.stringify(cutShort.body)).toContain(`or mistyped; the current key is in ${join(dataDir, 'runtime.json')}`);
  });

  it('keeps accepting the same NEWSWATCH_API_KEY after a restart', async () => {
    // Prepare
    const chosenKey = 'another-local-key-0123456789';
    await restart(chosenKey);

    // Act
    const response = await api(await restart(chosenKey), 'GET', '/watchlist');

    // Assess
    expect(response.status).toBe(200);
  });

  it('leaves keys minted by an operator valid across a restart', async () => {
    // Prepare
    await restart();
    const minted = await createApiKey(['read'], { label: 'scraper' });

    // Act
    const response = await api(await restart(), 'GET', '/watchlist', undefined, { 'x-api-key': minted.key });

    // Assess
    expect(response.status).toBe(200);
  });

  it('takes a minted key in NEWSWATCH_API_KEY as it was minted (its scopes, its label), and a later start leaves it valid', async () => {
    // Prepare: a read key minted for a scraper, then a start with it (the shell that minted it exported it)
    await restart();
    const minted = await createApiKey(['read'], { label: 'scraper' });
    const withMinted = await restart(minted.key);

    // Act
    const read = await api(withMinted, 'GET', '/watchlist', undefined, { 'x-api-key': minted.key });
    const admin = await api(withMinted, 'GET', '/subscriptions', undefined, { 'x-api-key': minted.key });
    const afterwards = await api(await restart(), 'GET', '/watchlist', undefined, { 'x-api-key': minted.key });
    const record = (await listApiKeys()).find((k) => k.keyId === minted.keyId);

    // Assess: never made admin, never relabelled, never withdrawn
    expect(withMinted.apiKeyScopes).toEqual(['read']);
    expect([read.status, admin.status, afterwards.status]).toEqual([200, 403, 200]);
    expect(record).toMatchObject({ scopes: ['read'], label: 'scraper' });
    expect(record?.revokedAt).toBeUndefined();
  });

  it('keeps only the newest 3 revoked keys of earlier starts, so keys list does not grow by one each start; minted keys stay', async () => {
    await restart();
    const minted = await createApiKey(['read'], { label: 'kept' });
    for (let i = 0; i < 5; i++) await restart();

    const listed = await listApiKeys();
    const local = listed.filter((k) => k.label === 'local runtime');

    expect(local.filter((k) => k.revokedAt !== undefined)).toHaveLength(3);
    expect(local.filter((k) => k.revokedAt === undefined)).toHaveLength(1);
    expect(listed.find((k) => k.keyId === minted.keyId)?.revokedAt).toBeUndefined();
  });

  it("takes a minted key from elsewhere (the deployed admin key, exported in the shell) as the admin key, and withdraws the earlier run's", async () => {
    const earlier = (await restart()).apiKey;
    const elsewhere = `nw_zzzzzzzzzzzz_${'A'.repeat(43)}`;

    const current = await restart(elsewhere);
    const withIt = await api(current, 'GET', '/subscriptions');
    const withEarlier = await api(current, 'GET', '/watchlist', undefined, { 'x-api-key': earlier });

    expect(current.apiKeyScopes).toEqual(['admin']);
    expect([withIt.status, withEarlier.status]).toEqual([200, 403]);
  });

  it('refuses to start with a key minted here but revoked, naming it', async () => {
    await restart();
    const minted = await createApiKey(['read'], { label: 'old scraper' });
    await revokeApiKey(minted.keyId);

    await expect(restart(minted.key)).rejects.toThrow(new RegExp(`NEWSWATCH_API_KEY: key ${minted.keyId} was revoked`));
    runtime = undefined;
  });
});
