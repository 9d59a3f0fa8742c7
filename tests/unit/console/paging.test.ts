import { describe, expect, it } from 'vitest';
import { streamsToExtend, wholeUntil } from '../../../console/src/merge';

type Item = { id: string; at: string; topic?: boolean };
const item = (id: string, day: number, topic = true): Item => ({ id, at: `2024-01-${String(day).padStart(2, '0')}T00:00:00.000Z`, topic });
const time = (x: Item) => x.at;
const all = () => true;

describe('reading listings further for "Show more"', () => {
  it('reads further only a listing whose unread items could be among the newest wanted', () => {
    const streams = [
      { items: [item('a', 30), item('b', 29)], cursor: 'next-a' },
      { items: [item('c', 28), item('d', 10)], cursor: 'next-c' },
      { items: [item('e', 27)] },
    ];

    // The three newest are a, b, c: the first listing's next page is no newer than b but may be newer than c.
    expect(streamsToExtend(streams, 3, time, all)).toEqual([0]);
    // Two wanted (a, b): nothing unread can be newer than b (an item at b's very time could only tie with it).
    expect(streamsToExtend(streams, 2, time, all)).toEqual([]);
    expect(streamsToExtend(streams, 1, time, all)).toEqual([]);
  });

  it('reads on every listing with more pages while fewer items than wanted are kept', () => {
    const streams = [{ items: [item('a', 30)], cursor: 'x' }, { items: [], cursor: 'y' }, { items: [item('b', 2)] }];

    expect(streamsToExtend(streams, 5, time, all)).toEqual([0, 1]);
  });

  it('counts only the items the second filter keeps', () => {
    const streams = [{ items: [item('a', 30, false), item('c', 29), item('b', 28, false)], cursor: 'more' }];

    expect(streamsToExtend(streams, 1, time, (x) => x.topic === true)).toEqual([]);
    expect(streamsToExtend(streams, 2, time, (x) => x.topic === true)).toEqual([0]);
  });

  it('stops when no listing has another page', () => {
    expect(streamsToExtend([{ items: [item('a', 1)] }, { items: [] }], 100, time, all)).toEqual([]);
  });
});

describe('a list cut where the listings not read far enough leave no gap', () => {
  it('is whole down to the newest of their oldest items read', () => {
    const streams = [
      { items: [item('a', 30), item('b', 20)], cursor: 'x' },
      { items: [item('c', 29), item('d', 25)], cursor: 'y' },
      { items: [item('e', 28)] },
    ];

    expect(wholeUntil(streams, [0, 1], time)).toBe(item('d', 25).at);
    expect(wholeUntil(streams, [0], time)).toBe(item('b', 20).at);
    expect(wholeUntil(streams, [], time)).toBeUndefined();
  });
});
