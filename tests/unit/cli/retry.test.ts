import { describe, expect, it } from 'vitest';
import { backoffDelayMs, isRetryableStatus, nextDelayMs, retryAfterMs, type RetryPolicy } from '../../../functions/cli/support/retry';

const policy: RetryPolicy = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1_000 };

describe('retry policy', () => {
  it('retries throttling and server errors but not client errors or 501', () => {
    expect([429, 500, 502, 503, 504].map(isRetryableStatus)).toEqual([true, true, true, true, true]);
    expect([400, 401, 403, 404, 413, 501].map(isRetryableStatus)).toEqual([false, false, false, false, false, false]);
  });

  it('doubles the backoff ceiling on each retry up to the cap', () => {
    const almostOne = () => 0.999_999;

    const ceilings = [1, 2, 3, 4, 5, 6].map((retry) => backoffDelayMs(retry, policy, almostOne));

    expect(ceilings).toEqual([99, 199, 399, 799, 999, 999]);
  });

  it('draws the delay uniformly below the ceiling (full jitter)', () => {
    expect(backoffDelayMs(3, policy, () => 0)).toBe(0);
    expect(backoffDelayMs(3, policy, () => 0.5)).toBe(200);
  });

  it('waits at least as long as the server asked for with Retry-After', () => {
    expect(nextDelayMs(1, policy, () => 0.5, 3_000)).toBe(3_000);
    expect(nextDelayMs(4, policy, () => 0.9, 10)).toBe(720);
  });

  it('reads Retry-After in seconds or as an HTTP date, capped', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');

    expect(retryAfterMs('2', now, 30_000)).toBe(2_000);
    expect(retryAfterMs('Thu, 01 Jan 2026 00:00:05 GMT', now, 30_000)).toBe(5_000);
    expect(retryAfterMs('86400', now, 30_000)).toBe(30_000);
    expect(retryAfterMs('soon', now, 30_000)).toBeUndefined();
    expect(retryAfterMs(null, now, 30_000)).toBeUndefined();
  });
});
