import { describe, expect, it } from 'vitest';
import { itemLabel } from '../../../../functions/core/feeds/item-refusal';

const item = (title: string) => ({ title, text: '', hasFullContent: false });

describe('itemLabel', () => {
  it.each([
    ['a line break', '\n'],
    ['an escape character', '\u001b'],
    ['a right-to-left override', '\u202e'],
    ['a left-to-right isolate', '\u2066'],
    ['a left-to-right mark', '\u200e'],
    ['a right-to-left mark', '\u200f'],
    ['an Arabic letter mark', '\u061c'],
  ])('prints a title holding %s on one line, the control replaced by a space', (_, control) => {
    expect(itemLabel(item(`Bout${control}${control}freed`))).toBe('Bout freed');
  });

  it('names an item by its link before its guid or title, without the link’s credentials', () => {
    expect(itemLabel({ ...item('A title'), guid: 'g-1', link: 'https://user:secret@example.com/a' })).not.toContain('secret');
    expect(itemLabel({ ...item('A title'), guid: 'g-1' })).toBe('g-1');
  });
});
