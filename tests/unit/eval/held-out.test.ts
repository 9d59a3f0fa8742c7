import { describe, expect, it } from 'vitest';
import { latinOnlyPeople, loadHeldOut, thresholdTable } from '../../eval/held-out';
import type { LoadedCase } from '../../eval/fixtures';

const labelled = (id: string, positive: boolean): LoadedCase => ({
  id,
  lang: 'en',
  category: positive ? 'topic' : 'plain-negative',
  case: 'x',
  article: { body: 'x' },
  expect: { people: [], topics: positive ? ['prisoner-exchange'] : [] },
  file: 'f',
  line: 1,
});

describe('held-out evaluation', () => {
  it('loads every batch, every case valid, ids unique, against a watchlist whose people are mostly Latin-only', () => {
    const { watchlist, batches } = loadHeldOut();
    const ids = batches.flatMap((b) => b.cases.map((c) => c.id));
    expect(batches.map((b) => b.name)).toEqual(Array.from({ length: 17 }, (_, i) => `held-out-${i + 1}`));
    expect(batches[0]!.cases.length).toBeGreaterThanOrEqual(60);
    expect(batches[2]!.cases.length).toBeGreaterThanOrEqual(60);
    expect(batches[4]!.cases.length).toBeGreaterThanOrEqual(60);
    expect(batches[5]!.cases.length).toBeGreaterThanOrEqual(60);
    expect(batches[6]!.cases.length).toBeGreaterThanOrEqual(28);
    expect(batches[7]!.cases.length).toBeGreaterThanOrEqual(28);
    expect(batches[8]!.cases.length).toBeGreaterThanOrEqual(28);
    expect(batches[9]!.cases.length).toBeGreaterThanOrEqual(28);
    expect(batches[10]!.cases.length).toBeGreaterThanOrEqual(28);
    expect(batches[11]!.cases.length).toBeGreaterThanOrEqual(32);
    expect(batches[13]!.cases.length).toBeGreaterThanOrEqual(24);
    expect(batches[14]!.cases.length).toBeGreaterThanOrEqual(20);
    expect(batches[16]!.cases.length).toBeGreaterThanOrEqual(32);
    expect(new Set(ids).size).toBe(ids.length);
    expect(latinOnlyPeople(watchlist).has('paul-whelan')).toBe(true);
    expect(latinOnlyPeople(watchlist).has('konstantin-yaroshenko')).toBe(false);
  });

  it('counts precision and recall at each minScore: scores below it are dropped, an untagged article never counts', () => {
    const cases = [labelled('a', true), labelled('b', true), labelled('c', false), labelled('d', false)];
    const scores: Record<string, number> = { a: 0.95, b: 0.6, c: 0.62, d: 0 };
    const [half, high] = thresholdTable(cases, (c) => scores[c.id]!, [0.5, 0.7]);
    expect(half!.scores).toMatchObject({ tp: 2, fp: 1, fn: 0 });
    expect(high!.scores).toMatchObject({ tp: 1, fp: 0, fn: 1 });
  });
});
