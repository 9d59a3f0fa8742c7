/**
 * Scores a tagger against labelled cases at the (article, label) level, micro-averaged:
 * every (case, expected id) pair the tagger returns is a true positive, every expected pair it
 * misses a false negative, every returned pair not expected a false positive. People and topics
 * are scored separately. Pure: no file access, so the arithmetic itself can be unit-tested.
 */

/** The accuracy gate the tagger must pass on the labelled set. */
export const GATE: Gate = { people: 0.98, topics: 0.95 };

/** Minimum F1 per kind. */
export interface Gate {
  people: number;
  topics: number;
}

export type LabelKind = 'people' | 'topics';

export interface Labels {
  people: readonly string[];
  topics: readonly string[];
}

/** What the evaluation needs to know about a case. */
export interface ScoredCase {
  id: string;
  case: string;
  file: string;
  line: number;
  lang: string;
  category: string;
  article: { title?: string; body: string };
  expect: Labels;
}

export interface Scores {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface Miss {
  kind: LabelKind;
  type: 'false-negative' | 'false-positive';
  label: string;
  caseId: string;
  case: string;
  file: string;
  line: number;
}

export interface CaseError {
  caseId: string;
  file: string;
  line: number;
  message: string;
}

/** A reported span whose `text` is not the slice of its field at `start`/`end` (contract: UTF-16 offsets into the original). */
export interface SpanError {
  caseId: string;
  file: string;
  line: number;
  label: string;
  span: SpanLike;
  actual: string;
}

export interface Report {
  cases: number;
  people: Scores;
  topics: Scores;
  misses: Miss[];
  /** Cases where the tagger threw; they are scored as if it had returned nothing. */
  errors: CaseError[];
  /** Not part of the F1 figures, but a broken offset is a broken highlight for the user. */
  spanErrors: SpanError[];
}

export interface SpanLike {
  field: 'title' | 'body';
  start: number;
  end: number;
  text: string;
}

/** What the tagger returned for one article, in the shape of its TagResult (spans optional for hand-made tests). */
export interface TaggerOutput {
  people: ReadonlyArray<{ id: string; mentions?: readonly SpanLike[] }>;
  topics: ReadonlyArray<{ id: string; score?: number; evidence?: readonly SpanLike[] }>;
}

export type TagFn = (article: { title?: string; body: string }) => TaggerOutput;

/**
 * Precision, recall and F1 from counts. A ratio with nothing to measure (0/0) counts as perfect:
 * a tagger that returns nothing on a set with nothing to find has made no mistake.
 * F1 = 2tp / (2tp + fp + fn), the harmonic mean of precision and recall.
 */
export function scoresFrom(tp: number, fp: number, fn: number): Scores {
  const ratio = (num: number, den: number) => (den === 0 ? 1 : num / den);
  return { tp, fp, fn, precision: ratio(tp, tp + fp), recall: ratio(tp, tp + fn), f1: ratio(2 * tp, 2 * tp + fp + fn) };
}

interface Tally {
  tp: number;
  fp: number;
  fn: number;
}

function compare(kind: LabelKind, c: ScoredCase, got: ReadonlySet<string>, tally: Tally, misses: Miss[]): void {
  const expected = new Set(c.expect[kind]);
  const where = { caseId: c.id, case: c.case, file: c.file, line: c.line, kind };
  for (const label of [...expected].sort()) {
    if (got.has(label)) tally.tp++;
    else {
      tally.fn++;
      misses.push({ ...where, type: 'false-negative', label });
    }
  }
  for (const label of [...got].sort()) {
    if (!expected.has(label)) {
      tally.fp++;
      misses.push({ ...where, type: 'false-positive', label });
    }
  }
}

function runOne(tag: TagFn, c: ScoredCase, errors: CaseError[]): TaggerOutput {
  try {
    return tag(c.article);
  } catch (err) {
    errors.push({ caseId: c.id, file: c.file, line: c.line, message: err instanceof Error ? err.message : String(err) });
    return { people: [], topics: [] };
  }
}

function checkSpans(c: ScoredCase, out: TaggerOutput, spanErrors: SpanError[]): void {
  const labelled = [
    ...out.people.flatMap((p) => (p.mentions ?? []).map((span) => ({ label: p.id, span }))),
    ...out.topics.flatMap((t) => (t.evidence ?? []).map((span) => ({ label: t.id, span }))),
  ];
  for (const { label, span } of labelled) {
    const actual = (c.article[span.field] ?? '').slice(span.start, span.end);
    if (actual !== span.text) spanErrors.push({ caseId: c.id, file: c.file, line: c.line, label, span, actual });
  }
}

/** Runs the tagger on every case and scores people and topics separately. */
export function evaluate(cases: readonly ScoredCase[], tag: TagFn): Report {
  const tallies: Record<LabelKind, Tally> = { people: { tp: 0, fp: 0, fn: 0 }, topics: { tp: 0, fp: 0, fn: 0 } };
  const misses: Miss[] = [];
  const errors: CaseError[] = [];
  const spanErrors: SpanError[] = [];
  for (const c of cases) {
    const out = runOne(tag, c, errors);
    checkSpans(c, out, spanErrors);
    compare('people', c, new Set(out.people.map((p) => p.id)), tallies.people, misses);
    compare('topics', c, new Set(out.topics.map((t) => t.id)), tallies.topics, misses);
  }
  const scores = (t: Tally) => scoresFrom(t.tp, t.fp, t.fn);
  return { cases: cases.length, people: scores(tallies.people), topics: scores(tallies.topics), misses, errors, spanErrors };
}

/** Which parts of the gate a report fails, as readable sentences (empty when it passes). */
export function gateFailures(report: Report, gate: Gate = GATE): string[] {
  return (['people', 'topics'] as const)
    .filter((kind) => report[kind].f1 < gate[kind])
    .map((kind) => `${kind} F1 ${report[kind].f1.toFixed(3)} < ${gate[kind]}`);
}

const pct = (x: number) => x.toFixed(3);

export function formatScores(kind: LabelKind, s: Scores): string {
  return `${kind.padEnd(7)} precision ${pct(s.precision)}  recall ${pct(s.recall)}  F1 ${pct(s.f1)}   (tp ${s.tp}, fp ${s.fp}, fn ${s.fn})`;
}

export function formatMiss(m: Miss): string {
  const type = m.type === 'false-negative' ? 'missed  ' : 'spurious';
  return `${type} ${m.kind.padEnd(6)} ${m.label.padEnd(22)} ${m.caseId.padEnd(9)} ${m.file}:${m.line}  [${m.case}]`;
}

export function formatSpanError(e: SpanError): string {
  const { field, start, end, text } = e.span;
  return `bad span ${e.label} ${e.caseId} ${e.file}:${e.line}  ${field}[${start},${end}) says ${JSON.stringify(text)} but the text there is ${JSON.stringify(e.actual)}`;
}

/** The misses (and tagger errors, bad spans) as lines, for the eval script and the gate's assertion message. */
export function formatMisses(report: Report): string {
  const lines = report.misses.map(formatMiss);
  for (const e of report.errors) lines.push(`error    ${e.caseId} ${e.file}:${e.line}  ${e.message}`);
  for (const e of report.spanErrors) lines.push(formatSpanError(e));
  return lines.length === 0 ? 'no misses' : lines.join('\n');
}
