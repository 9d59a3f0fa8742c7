import { describe, expect, it } from 'vitest';
import { visibleSpan } from '../../../../functions/core/text/visible-span';

describe('visibleSpan', () => {
  it('moves each edge past invisible characters, and keeps the ones inside', () => {
    const text = '\u200f\u200bBout\u200dova\u202c\u2069!';

    expect(visibleSpan(text, 0, text.length - 1)).toEqual({ start: 2, end: 10 });
  });

  it('leaves a span of nothing but invisible characters, and a clean one, as they are', () => {
    expect(visibleSpan('\ufeff\u200e', 0, 2)).toEqual({ start: 0, end: 2 });
    expect(visibleSpan('Bout', 0, 4)).toEqual({ start: 0, end: 4 });
  });
});
