import { afterEach, describe, expect, it, vi } from 'vitest';
import { config } from '../../../functions/handlers/settings';
import { streamShards } from '../../../functions/local/stream/stream-shards';

/** Every whole-number setting read from the environment takes decimal digits only, and says so naming its variable. */
describe('whole-number settings from the environment', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it('reads the handlers settings in decimal digits, the default when unset', () => {
    vi.stubEnv('MAX_BODY_BYTES', ' 2048 ');
    vi.stubEnv('WATCHLIST_TTL_SECONDS', '');
    vi.stubEnv('ARTICLE_RETENTION_DAYS', '365');

    expect([config.maxBodyBytes(), config.watchlistTtlMs(), config.retentionDays()]).toEqual([2048, 30_000, 365]);
  });

  it.each([
    ['MAX_BODY_BYTES', '0x100000', () => config.maxBodyBytes()],
    ['WATCHLIST_TTL_SECONDS', '1e1', () => config.watchlistTtlMs()],
    ['ARTICLE_RETENTION_DAYS', '7.5', () => config.retentionDays()],
  ])('refuses %s=%s, naming the variable and the form it takes', (name, value, read) => {
    vi.stubEnv(name, value);

    expect(read).toThrow(
      new RegExp(`^${name} must be a whole number from \\d+ to \\d+, in decimal digits, not "${value.replace('.', '\\.')}"$`),
    );
  });

  it('refuses NEWSWATCH_STREAM_SHARDS in hex or with an exponent instead of reading it as a number or ignoring it', () => {
    vi.stubEnv('NEWSWATCH_STREAM_SHARDS', '4');
    expect(streamShards()).toBe(4);
    for (const value of ['0x4', '4e0', '65']) {
      vi.stubEnv('NEWSWATCH_STREAM_SHARDS', value);
      expect(streamShards, value).toThrow(`NEWSWATCH_STREAM_SHARDS must be a whole number from 1 to 64, in decimal digits, not "${value}"`);
    }
  });

  it('reads ALERT_CLAIM_LEASE_SECONDS in decimal digits as the claim module loads', async () => {
    vi.stubEnv('ALERT_CLAIM_LEASE_SECONDS', '5');
    expect((await import('../../../functions/adapters/alert-markers')).STALE_CLAIM_MS).toBe(5_000);
    vi.resetModules();
    vi.stubEnv('ALERT_CLAIM_LEASE_SECONDS', '0x5');
    await expect(import('../../../functions/adapters/alert-markers')).rejects.toThrow(
      'ALERT_CLAIM_LEASE_SECONDS must be a whole number from 1 to 3600, in decimal digits, not "0x5"',
    );
  });
});
