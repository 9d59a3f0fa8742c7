import { describe, expect, it } from 'vitest';
import { claimDedupId, hostGroupOf } from '../../../../functions/core/feeds/host-group';

describe('feed queue message group (host) and deduplication id', () => {
  it('puts the feeds of one host in one group, whatever the case, port, path or scheme', () => {
    const groups = ['https://News.Example.com/a.xml', 'http://news.example.com:8080/b?x=1', 'https://news.example.com/'].map(hostGroupOf);

    expect(new Set(groups)).toEqual(new Set(['news.example.com']));
    expect(hostGroupOf('https://example.com/a.xml')).not.toBe(hostGroupOf('https://news.example.com/a.xml'));
  });

  it('names a host too long for SQS by its hash, still the same for every feed of that host', () => {
    const host = `${'a'.repeat(63)}.${'b'.repeat(63)}.example.com`;

    const group = hostGroupOf(`https://${host}/feed`);

    expect(group).toMatch(/^h\.[0-9a-f]{40}$/);
    expect(hostGroupOf(`https://${host}/other`)).toBe(group);
  });

  it('gives each claim of a feed its own deduplication id, within what SQS accepts', () => {
    const first = claimDedupId('feed_0123456789abcdef', '2026-11-29T22:15:00.000Z');
    const next = claimDedupId('feed_0123456789abcdef', '2026-11-29T22:30:00.000Z');

    expect(first).not.toBe(next);
    expect(claimDedupId('feed_0123456789abcdef', '2026-11-29T22:15:00.000Z')).toBe(first);
    expect(first.length).toBeLessThanOrEqual(128);
  });
});
