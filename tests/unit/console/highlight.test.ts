import { describe, expect, it } from 'vitest';
import { type Mark, segments } from '../../../console/src/highlight';

const person = (start: number, end: number, id = 'viktor-bout'): Mark => ({ start, end, kind: 'person', id });
const topic = (start: number, end: number, id = 'prisoner-exchange'): Mark => ({ start, end, kind: 'topic', id });

describe('highlight segments', () => {
  it('cuts the text at each mark and keeps every character exactly once', () => {
    const text = 'Free Viktor Bout now';
    const parts = segments(text, [person(5, 16)]);
    expect(parts.map((p) => p.text)).toEqual(['Free ', 'Viktor Bout', ' now']);
    expect(parts.map((p) => p.marks.length)).toEqual([0, 1, 0]);
    expect(parts.map((p) => p.text).join('')).toBe(text);
  });

  it('tells a person mention from topic evidence where they overlap', () => {
    const text = 'swap for Bout agreed';
    const parts = segments(text, [topic(0, 13), person(9, 13)]);
    expect(parts.map((p) => [p.text, p.marks.map((m) => m.kind).sort()])).toEqual([
      ['swap for ', ['topic']],
      ['Bout', ['person', 'topic']],
      [' agreed', []],
    ]);
  });

  it('drops offsets that fall outside the text instead of guessing', () => {
    const parts = segments('short', [person(2, 40), person(-1, 2), person(3, 3)]);
    expect(parts).toEqual([{ text: 'short', marks: [] }]);
  });

  it('counts offsets in UTF-16 code units, as the API gives them', () => {
    const text = '🙂 Виктор Бут';
    const start = text.indexOf('Виктор');
    const parts = segments(text, [person(start, text.length)]);
    expect(parts.at(-1)).toEqual({ text: 'Виктор Бут', marks: [person(start, text.length)] });
  });
});
