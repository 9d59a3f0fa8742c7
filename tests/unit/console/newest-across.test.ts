import { beforeEach, describe, expect, it, vi } from 'vitest';

type Item = { id: string; at: string; topics: string[] };

/** The API's listings as this test serves them: per person, newest first, pages of `limit` after `cursor`. */
const listings = new Map<string, Item[]>();
const requests: string[] = [];

vi.mock('../../../console/src/api', () => ({
  withQuery: (path: string, params: Record<string, string | number | undefined>) =>
    `${path}?${new URLSearchParams(Object.entries(params).flatMap(([k, v]): [string, string][] => (v === undefined ? [] : [[k, String(v)]])))}`,
  get: async (url: string) => {
    requests.push(url);
    const query = new URL(url, 'http://console.test').searchParams;
    const all = listings.get(query.get('person') ?? '') ?? [];
    const from = Number(query.get('cursor') ?? 0);
    const limit = Number(query.get('limit'));
    const items = all.slice(from, from + limit);
    return { items, ...(from + limit < all.length && { nextCursor: String(from + limit) }) };
  },
}));

/** newestAcross's signature: latest.ts is read through a path the type checker does not follow (the console's browser types are not the tests'). */
type NewestAcross = <T extends { id: string }>(
  path: string,
  queries: Record<string, string>[],
  want: number,
  time: (item: T) => string,
  keep?: (item: T) => boolean,
) => Promise<{ items: T[]; more: boolean }>;
const LATEST = '../../../console/src/latest';
const { newestAcross } = (await import(LATEST)) as { newestAcross: NewestAcross };

const minute = (n: number) => new Date(Date.UTC(2026, 0, 1) - n * 60_000).toISOString();
const time = (item: Item) => item.at;
/** `count` items of `person`, one a minute back from `from`, every `topicEvery`-th with the topic. */
function listing(person: string, count: number, from = 0, step = 1, topicEvery = 1): Item[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `${person}-${i}`,
    at: minute(from + i * step),
    topics: i % topicEvery === 0 ? ['prisoner-exchange'] : [],
  }));
}

beforeEach(() => {
  listings.clear();
  requests.length = 0;
});

describe('the newest items across listings, page by page', () => {
  it('reads each listing only as far as the wanted items need', async () => {
    listings.set('a', listing('a', 250, 0, 2));
    listings.set('b', listing('b', 250, 1, 2));

    const { items, more } = await newestAcross<Item>('/articles', [{ person: 'a' }, { person: 'b' }], 100, time);

    expect(items.map((i) => i.id).slice(0, 3)).toEqual(['a-0', 'b-0', 'a-1']);
    expect(items).toHaveLength(100);
    expect(more).toBe(true);
    expect(requests).toHaveLength(2);
  });

  it('goes further back with each Show more on a filter that keeps few items, and never leaves a gap', async () => {
    // One item in 50 has the topic: 100 of them lie 5,000 items back.
    listings.set('a', listing('a', 10_000, 0, 1, 50));
    const keep = (item: Item) => item.topics.includes('prisoner-exchange');

    const first = await newestAcross<Item>('/articles', [{ person: 'a' }], 100, time, keep);
    const second = await newestAcross<Item>('/articles', [{ person: 'a' }], 200, time, keep);

    expect(first.more).toBe(true);
    expect(second.items.length).toBeGreaterThan(first.items.length);
    // Every kept item down to the oldest one shown is there: the list is whole.
    const oldest = second.items.at(-1)!.at;
    const expected = listings.get('a')!.filter((i) => keep(i) && i.at >= oldest);
    expect(second.items.map((i) => i.id)).toEqual(expected.map((i) => i.id));
  });

  it('cuts a merged list where a listing not read far enough could leave a gap', async () => {
    // a: one item every 100 minutes, all kept. b: one a minute, one in 3,000 kept, read until the budget runs out
    // (about 5,900 minutes back) with b-6000 and b-9000 unread: a's items older than that are not shown.
    listings.set('a', listing('a', 300, 0, 100));
    listings.set('b', listing('b', 10_000, 0, 1, 3_000));
    const keep = (item: Item) => item.id.startsWith('a') || item.topics.length > 0;

    const { items, more } = await newestAcross<Item>('/articles', [{ person: 'a' }, { person: 'b' }], 250, time, keep);

    const bRead = requests.filter((r) => r.includes('person=b'));
    const bOldestRead = minute(bRead.length * 100 - 1);
    expect(more).toBe(true);
    expect(items.map((i) => i.id)).toContain('b-3000');
    expect(items.every((i) => i.at > bOldestRead)).toBe(true);
  });
});
