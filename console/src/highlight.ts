/**
 * Splits a text into segments at every mention and evidence boundary, so that each piece can be
 * rendered as a text node, inside a <mark> when something covers it. Nothing here produces HTML.
 */
export type MarkKind = 'person' | 'topic';

export interface Mark {
  start: number;
  end: number;
  kind: MarkKind;
  id: string;
}

export interface Segment {
  text: string;
  /** The marks covering this whole segment (empty: plain text). */
  marks: Mark[];
}

/** Offsets outside the text (an edited field, a bad record) are dropped rather than guessed. */
const fits = (text: string, m: Mark) =>
  Number.isInteger(m.start) && Number.isInteger(m.end) && m.start >= 0 && m.start < m.end && m.end <= text.length;

export function segments(text: string, marks: readonly Mark[]): Segment[] {
  const valid = marks.filter((m) => fits(text, m));
  const cuts = [...new Set([0, text.length, ...valid.flatMap((m) => [m.start, m.end])])].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i < cuts.length - 1; i++) {
    const from = cuts[i] as number;
    const to = cuts[i + 1] as number;
    const covering = valid.filter((m) => m.start <= from && m.end >= to);
    const last = out.at(-1);
    // Neighbouring plain pieces are joined: fewer nodes for long bodies.
    if (covering.length === 0 && last && last.marks.length === 0) last.text += text.slice(from, to);
    else out.push({ text: text.slice(from, to), marks: covering });
  }
  return out;
}
