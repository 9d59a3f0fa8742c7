import { describe, expect, it } from 'vitest';
import { SweepTimer } from '../../../functions/local/sweep-timer';

const options = { intervalMs: 60_000, minAgeMs: 60_000 };

type Report = Awaited<ReturnType<ConstructorParameters<typeof SweepTimer>[0]>>;

/** What the timer prints after one sweep that found `report`. */
async function linesAfterOneSweep(report: Report): Promise<string[]> {
  const lines: string[] = [];
  const timer = new SweepTimer(
    async () => report,
    options,
    (l) => lines.push(l),
  );
  await timer.run({ minAgeMs: 0 });
  return lines;
}

describe('the local sweeper timer', () => {
  it("says nothing when the owed items it found were owed nothing (a re-sent article's)", async () => {
    const lines = await linesAfterOneSweep({ found: 2, overdue: 0, published: 0 });

    expect(lines).toEqual([]);
  });

  it('says how many alerts had not gone out and how many it published', async () => {
    const lines = await linesAfterOneSweep({ found: 3, overdue: 2, published: 1 });

    expect(lines).toEqual(['sweeper: 2 alert(s) not marked as sent; 1 published now (any that had gone out repeat their alertId)']);
  });

  it('counts a story alert it re-drove as published', async () => {
    const lines = await linesAfterOneSweep({ found: 1, overdue: 1, published: 0, 'story-published': 1 });

    expect(lines).toEqual(['sweeper: 1 alert(s) not marked as sent; 1 published now (any that had gone out repeat their alertId)']);
  });
});
