/**
 * Characters that take no room on screen and say nothing of the word beside them: a byte order mark left
 * at the start of a pasted text, direction marks and embeddings around a name in mixed-script copy,
 * zero-width spaces and joiners, the word joiner, a soft hyphen. The scanner reads them as part of the
 * word they touch (they fold away in its keys), so a mention would start or end on one.
 */
const INVISIBLE = /[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;

/** `start`–`end` of `text` without invisible characters at either edge (a span of nothing but them stays as it is). */
export function visibleSpan(text: string, start: number, end: number): { start: number; end: number } {
  let from = start;
  let to = end;
  while (from < to && INVISIBLE.test(text[from]!)) from++;
  while (to > from && INVISIBLE.test(text[to - 1]!)) to--;
  return from < to ? { start: from, end: to } : { start, end };
}
