import { describe, expect, it } from 'vitest';
import { MAX_DELAY_MS, isDue, nextPollAt, retryAfterMs } from '../../../../functions/core/feeds/schedule';

const now = new Date('2026-01-01T00:00:00.000Z');
const minutes = (date: Date) => (date.getTime() - now.getTime()) / 60_000;

describe('retryAfterMs', () => {
  it('reads delta-seconds and HTTP dates', () => {
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs('Thu, 01 Jan 2026 00:10:00 GMT', now)).toBe(600_000);
  });

  it('caps a request for longer than 24 hours at 24 hours', () => {
    expect(retryAfterMs(String(7 * 86_400), now)).toBe(MAX_DELAY_MS);
  });

  it('ignores an absent or unreadable header and a date in the past', () => {
    expect(retryAfterMs(undefined, now)).toBeUndefined();
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs('Wed, 31 Dec 2025 23:00:00 GMT', now)).toBe(0);
  });
});

describe('nextPollAt', () => {
  it('keeps the interval after a success', () => {
    expect(minutes(nextPollAt(now, 15, 0))).toBe(15);
  });

  it('doubles the wait with each failure in a row, and never waits more than a day', () => {
    expect([1, 2, 3].map((f) => minutes(nextPollAt(now, 15, f)))).toEqual([30, 60, 120]);
    expect(minutes(nextPollAt(now, 720, 5))).toBe(1440);
  });

  it("waits for a server's Retry-After when it asks for longer than the back-off", () => {
    expect(minutes(nextPollAt(now, 5, 1, 3 * 3_600_000))).toBe(180);
    expect(minutes(nextPollAt(now, 15, 1, 60_000))).toBe(30);
  });
});

describe('isDue', () => {
  it('is due when never scheduled or when its time has come', () => {
    expect(isDue({}, now)).toBe(true);
    expect(isDue({ nextPollAt: '2025-12-31T23:59:00.000Z' }, now)).toBe(true);
    expect(isDue({ nextPollAt: '2026-01-01T00:01:00.000Z' }, now)).toBe(false);
  });
});
