import { describe, expect, it } from 'vitest';
import { outsideAddresses, webAddresses } from '../../../../functions/core/tagger/web-addresses';
import type { FieldScan } from '../../../../functions/core/tagger/context';

const field = (text: string) => ({ field: 'body', text }) as FieldScan;

describe('webAddresses', () => {
  it('finds http, https and www addresses up to the next space, quote or angle bracket', () => {
    const text = 'See https://a.example/x-y, "www.b.example/z" and <ftp://c.example/q> today.';

    expect(webAddresses([field(text)]).map((s) => text.slice(s.start, s.end))).toEqual([
      'https://a.example/x-y,',
      'www.b.example/z',
      'ftp://c.example/q',
    ]);
  });

  it('finds none in a text without one, and keeps the mentions outside them', () => {
    expect(webAddresses([field('Viktor Bout spoke in Moscow.')])).toEqual([]);
    const spans = [{ field: 'body' as const, start: 10, end: 20 }];
    const found = [
      { field: 'body' as const, start: 0, end: 5 },
      { field: 'body' as const, start: 12, end: 15 },
      { field: 'title' as const, start: 12, end: 15 },
    ];
    expect(outsideAddresses(found, spans)).toEqual([found[0], found[2]]);
  });
});
