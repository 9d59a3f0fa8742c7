import { describe, expect, it } from 'vitest';
import { SweepTimer } from '../../../functions/local/sweep-timer';

const options = { intervalMs: 60_000, minAgeMs: 60_000 };

describe('the local sweeper timer', () => {
  it("says nothing when the owed items it found were owed nothing (a re-sent article's)", async () => {
    const lines: string[] = [];
    const timer = new SweepTimer(
      async () => ({ found: 2, overdue: 0, published: 0 }),
      options,
      (l) => lines.push(l),
    );

    await timer.run({ minAgeMs: 0 });

    expect(lines).toEqual([]);
  });

  it('says how many alerts had not gone out and how many it published', async () => {
    const lines: string[] = [];
    const timer = new SweepTimer(
      async () => ({ found: 3, overdue: 2, published: 1 }),
      options,
      (l) => lines.push(l),
    );

    await timer.run({ minAgeMs: 0 });

    expect(lines).toEqual(['sweeper: 2 alert(s) had not gone out; 1 published now']);
  });

  it('counts a story alert it re-drove as published', async () => {
    const lines: string[] = [];
    const timer = new SweepTimer(
      async () => ({ found: 1, overdue: 1, published: 0, 'story-published': 1 }),
      options,
      (l) => lines.push(l),
    );

    await timer.run({ minAgeMs: 0 });

    expect(lines).toEqual(['sweeper: 1 alert(s) had not gone out; 1 published now']);
  });
});
