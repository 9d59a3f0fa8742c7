import { describe, expect, it } from 'vitest';
import { mergeNewest, queriesFor } from '../../../console/src/merge';

const followed = { people: ['viktor-bout', 'konstantin-yaroshenko'], topics: ['prisoner-exchange'] };

describe('latest items across the watchlist', () => {
  it('asks once per followed person and topic when no filter is set', () => {
    expect(queriesFor({}, followed)).toEqual([
      { person: 'viktor-bout' },
      { person: 'konstantin-yaroshenko' },
      { topic: 'prisoner-exchange' },
    ]);
  });

  it('asks once when a person or a topic is chosen', () => {
    expect(queriesFor({ person: 'viktor-bout', topic: 'prisoner-exchange' }, followed)).toEqual([{ person: 'viktor-bout' }]);
    expect(queriesFor({ topic: 'prisoner-exchange' }, followed)).toEqual([{ topic: 'prisoner-exchange' }]);
  });

  it('lists an article found under two people once, newest first, cut to the limit', () => {
    const a = { id: 'a', at: '2024-01-01T00:00:00.000Z' };
    const b = { id: 'b', at: '2024-03-01T00:00:00.000Z' };
    const c = { id: 'c', at: '2024-02-01T00:00:00.000Z' };
    const merged = mergeNewest(
      [
        [b, a],
        [c, a],
      ],
      (x) => x.at,
      2,
    );
    expect(merged.map((x) => x.id)).toEqual(['b', 'c']);
  });
});
