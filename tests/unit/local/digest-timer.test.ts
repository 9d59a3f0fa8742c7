import { describe, expect, it } from 'vitest';
import { DigestTimer } from '../../../functions/local/digest-timer';

describe('local digest timer', () => {
  it('runs the digests once when a new UTC hour begins, not on every check', async () => {
    let now = new Date('2026-01-01T06:59:00Z');
    let runs = 0;
    const timer = new DigestTimer(
      async () => {
        runs++;
      },
      () => {},
      () => now,
    );
    await timer.tick();
    now = new Date('2026-01-01T07:00:05Z');
    await timer.tick();
    now = new Date('2026-01-01T07:01:05Z');
    await timer.tick();
    expect(runs).toBe(1);
  });
});
