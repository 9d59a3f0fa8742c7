import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RecentCache } from '../../../functions/core/recent-cache';

const TTL_MS = 1_000;

// The age limit reads Date.now: the tests move a fake clock (only Date: timers stay real).
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(0);
});
afterEach(() => {
  vi.useRealTimers();
});

/** A cache of at most `max` entries, and its clock: setting `clock.now` moves Date.now. */
function cacheWithClock(max: number) {
  const clock = {
    set now(ms: number) {
      vi.setSystemTime(ms);
    },
  };
  return { cache: new RecentCache<string, number>(max, TTL_MS), clock };
}

describe('RecentCache', () => {
  it('answers what was set while it is younger than the age limit', () => {
    const { cache, clock } = cacheWithClock(10);
    cache.set('a', 1);
    clock.now = TTL_MS - 1;
    expect(cache.get('a')).toBe(1);
    expect(cache.get('b')).toBeUndefined();
  });

  it('forgets an entry once it reaches the age limit, and setting it again starts its age anew', () => {
    const { cache, clock } = cacheWithClock(10);
    cache.set('a', 1);
    clock.now = TTL_MS;
    expect(cache.get('a')).toBeUndefined();
    cache.set('a', 2);
    clock.now = 2 * TTL_MS - 1;
    expect(cache.get('a')).toBe(2);
  });

  it('reading an entry does not make it live longer', () => {
    const { cache, clock } = cacheWithClock(10);
    cache.set('a', 1);
    clock.now = TTL_MS / 2;
    expect(cache.get('a')).toBe(1);
    clock.now = TTL_MS;
    expect(cache.get('a')).toBeUndefined();
  });

  it('never holds more than max entries, dropping the least recently used first', () => {
    const { cache } = cacheWithClock(3);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    cache.get('a'); // now b is the least recently used
    cache.set('d', 4);
    expect(cache.size).toBe(3);
    expect(cache.get('b')).toBeUndefined();
    expect([cache.get('a'), cache.get('c'), cache.get('d')]).toEqual([1, 3, 4]);
  });

  it('setting a key it holds replaces the value without dropping another entry', () => {
    const { cache } = cacheWithClock(2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('a', 10);
    expect(cache.size).toBe(2);
    expect([cache.get('a'), cache.get('b')]).toEqual([10, 2]);
  });

  it('a key that keeps being set stays while others are pushed out', () => {
    const { cache } = cacheWithClock(2);
    for (let i = 0; i < 100; i++) {
      cache.set('hot', i);
      cache.set(`cold-${i}`, i);
    }
    expect(cache.size).toBe(2);
    expect(cache.get('hot')).toBe(99);
  });

  it('delete forgets the entry', () => {
    const { cache } = cacheWithClock(2);
    cache.set('a', 1);
    cache.delete('a');
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('refuses a bound that would hold nothing', () => {
    expect(() => new RecentCache(0, TTL_MS)).toThrow(RangeError);
    expect(() => new RecentCache(1, 0)).toThrow(RangeError);
    expect(() => new RecentCache(1.5, TTL_MS)).toThrow(RangeError);
  });
});
