/**
 * Arranges a text and its mentions and evidence as a tree: one <mark> per span, a span inside another
 * nested in it, so that each mark holds exactly its span's text ("prisoner exchange" around "prisoner"
 * and "exchange"). Nothing here produces HTML: the leaves are text.
 */
export type MarkKind = 'person' | 'topic';

export interface Mark {
  start: number;
  end: number;
  kind: MarkKind;
  id: string;
}

/** A mark and what it holds; text outside every mark is a plain string. */
export interface MarkNode {
  mark: Mark;
  children: HighlightNode[];
}
export type HighlightNode = string | MarkNode;

/** Offsets outside the text (an edited field, a bad record) are dropped rather than guessed. */
const fits = (text: string, m: Mark) =>
  Number.isInteger(m.start) && Number.isInteger(m.end) && m.start >= 0 && m.start < m.end && m.end <= text.length;

/** Outer before inner: earlier start first, then the longer span; ties in a fixed order (kind, id). */
const outerFirst = (a: Mark, b: Mark) => a.start - b.start || b.end - a.end || a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id);

/** One mark per span: the same span given twice (the same person mentioned and counted as evidence twice) once. */
function distinct(marks: readonly Mark[]): Mark[] {
  const seen = new Map(marks.map((m) => [`${m.start}:${m.end}:${m.kind}:${m.id}`, m]));
  return [...seen.values()].sort(outerFirst);
}

/**
 * The text from `from` to `to` with `marks` (all within it, in outerFirst order) as a tree. A span that
 * starts inside another and ends after it (they cross, which no nesting can show) is cut at the outer
 * one's end: its first part is nested, the rest is a mark of its own after it.
 */
function build(text: string, from: number, to: number, marks: Mark[]): HighlightNode[] {
  const out: HighlightNode[] = [];
  let at = from;
  const pending = [...marks];
  while (pending.length > 0) {
    const outer = pending.shift()!;
    if (outer.start > at) out.push(text.slice(at, outer.start));
    const inner: Mark[] = [];
    for (let i = 0; i < pending.length; ) {
      const m = pending[i]!;
      if (m.start >= outer.end) {
        i++;
        continue;
      }
      pending.splice(i, 1);
      if (m.end <= outer.end) inner.push(m);
      else {
        inner.push({ ...m, end: outer.end });
        pending.push({ ...m, start: outer.end });
      }
    }
    pending.sort(outerFirst);
    out.push({ mark: outer, children: build(text, outer.start, outer.end, inner) });
    at = outer.end;
  }
  if (at < to) out.push(text.slice(at, to));
  return out;
}

export function markTree(text: string, marks: readonly Mark[]): HighlightNode[] {
  return build(text, 0, text.length, distinct(marks.filter((m) => fits(text, m))));
}
