import { describe, expect, it } from 'vitest';
import { type HighlightNode, type Mark, markTree } from '../../../console/src/highlight';

const person = (start: number, end: number, id = 'viktor-bout'): Mark => ({ start, end, kind: 'person', id });
const topic = (start: number, end: number, id = 'prisoner-exchange'): Mark => ({ start, end, kind: 'topic', id });

/** The tree as text: a mark as [kind:text-it-holds …children], plain text as it is. */
const show = (nodes: HighlightNode[]): string =>
  nodes.map((n) => (typeof n === 'string' ? n : `[${n.mark.kind}:${show(n.children)}]`)).join('');

describe('highlight tree', () => {
  it('puts each mark around exactly its text and keeps every character once', () => {
    const text = 'Free Viktor Bout now';
    expect(show(markTree(text, [person(5, 16)]))).toBe('Free [person:Viktor Bout] now');
  });

  it('nests a span inside the span that holds it, so each mark holds its whole span', () => {
    const text = 'a prisoner exchange for Bout agreed';
    const tree = markTree(text, [topic(2, 10), topic(11, 19), topic(2, 19), person(24, 28), topic(2, 28)]);
    expect(show(tree)).toBe('a [topic:[topic:[topic:prisoner] [topic:exchange]] for [person:Bout]] agreed');
  });

  it('gives a person mention and topic evidence on the same words a mark each, and the same span given twice one', () => {
    const text = 'Bout freed';
    expect(show(markTree(text, [person(0, 4), topic(0, 4), person(0, 4)]))).toBe('[person:[topic:Bout]] freed');
  });

  it('cuts a span that crosses another at the first one’s end (no nesting can show a crossing)', () => {
    const text = 'abcdef';
    expect(show(markTree(text, [topic(0, 4), person(2, 6)]))).toBe('[topic:ab[person:cd]][person:ef]');
  });

  it('drops offsets that fall outside the text instead of guessing', () => {
    expect(markTree('short', [person(2, 40), person(-1, 2), person(3, 3)])).toEqual(['short']);
  });

  it('counts offsets in UTF-16 code units, as the API gives them', () => {
    const text = '🙂 Виктор Бут';
    const start = text.indexOf('Виктор');
    expect(markTree(text, [person(start, text.length)])).toEqual(['🙂 ', { mark: person(start, text.length), children: ['Виктор Бут'] }]);
  });
});
