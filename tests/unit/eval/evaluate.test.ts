import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, gateFailures, scoresFrom, type ScoredCase, type TaggerOutput } from '../../eval/evaluate';

/** A hand-made set whose confusion counts are known in advance. */
function scored(id: string, people: string[], topics: string[]): ScoredCase {
  return {
    id,
    case: `case-${id}`,
    file: 'hand.jsonl',
    line: 1,
    lang: 'en',
    category: 'people',
    article: { body: id },
    expect: { people, topics },
  };
}

const cases = [scored('a', ['p1', 'p2'], ['t']), scored('b', [], []), scored('c', ['p3'], ['t'])];

const out = (people: string[], topics: string[]): TaggerOutput => ({
  people: people.map((id) => ({ id })),
  topics: topics.map((id) => ({ id })),
});

/** Per article: a finds p1 (misses p2, adds x) and t; b wrongly gets t; c finds p3 but not t. */
const answers: Record<string, TaggerOutput> = { a: out(['p1', 'x'], ['t']), b: out([], ['t']), c: out(['p3'], []) };

describe('evaluation arithmetic', () => {
  it('counts true positives, false positives and false negatives per (article, label)', () => {
    // Act
    const report = evaluate(cases, (article) => answers[article.body]!);
    // Assess: people tp {a:p1, c:p3}, fp {a:x}, fn {a:p2}; topics tp {a}, fp {b}, fn {c}
    expect(report.people).toMatchObject({ tp: 2, fp: 1, fn: 1 });
    expect(report.people.precision).toBeCloseTo(2 / 3, 10);
    expect(report.people.recall).toBeCloseTo(2 / 3, 10);
    expect(report.people.f1).toBeCloseTo(2 / 3, 10);
    expect(report.topics).toMatchObject({ tp: 1, fp: 1, fn: 1, precision: 0.5, recall: 0.5, f1: 0.5 });
  });

  it('lists each miss with its case, file and line', () => {
    const report = evaluate(cases, (article) => answers[article.body]!);
    const seen = report.misses.map((m) => `${m.type} ${m.kind} ${m.label} ${m.caseId} ${m.file}:${m.line}`);
    expect(seen).toEqual([
      'false-negative people p2 a hand.jsonl:1',
      'false-positive people x a hand.jsonl:1',
      'false-positive topics t b hand.jsonl:1',
      'false-negative topics t c hand.jsonl:1',
    ]);
  });

  it('counts a person listed twice by the tagger once', () => {
    const report = evaluate([scored('a', ['p1'], [])], () => out(['p1', 'p1'], []));
    expect(report.people).toMatchObject({ tp: 1, fp: 0, fn: 0, f1: 1 });
  });

  it('scores an article on which the tagger throws as empty and reports the error', () => {
    const report = evaluate([scored('a', ['p1'], ['t'])], () => {
      throw new Error('boom');
    });
    expect(report.people).toMatchObject({ tp: 0, fn: 1, f1: 0 });
    expect(report.errors).toEqual([{ caseId: 'a', file: 'hand.jsonl', line: 1, message: 'boom' }]);
  });

  it('reports a span whose text is not the slice of its field', () => {
    // Prepare: the body is "a"; one correct span, one off by one
    const good = { field: 'body' as const, start: 0, end: 1, text: 'a' };
    const bad = { field: 'body' as const, start: 1, end: 2, text: 'a' };
    // Act
    const report = evaluate([scored('a', ['p1'], ['t'])], () => ({
      people: [{ id: 'p1', mentions: [good] }],
      topics: [{ id: 't', evidence: [bad] }],
    }));
    // Assess
    expect(report.spanErrors).toEqual([{ caseId: 'a', file: 'hand.jsonl', line: 1, label: 't', span: bad, actual: '' }]);
  });

  it('computes precision, recall and F1 from counts', () => {
    expect(scoresFrom(8, 2, 4)).toMatchObject({ precision: 0.8, recall: 8 / 12 });
    expect(scoresFrom(8, 2, 4).f1).toBeCloseTo(16 / 22, 12);
    expect(scoresFrom(0, 0, 5)).toMatchObject({ precision: 1, recall: 0, f1: 0 });
    expect(scoresFrom(0, 3, 0)).toMatchObject({ precision: 0, recall: 1, f1: 0 });
    expect(scoresFrom(0, 0, 0)).toMatchObject({ precision: 1, recall: 1, f1: 1 });
  });

  it('gives an F1 equal to the harmonic mean of precision and recall', () => {
    fc.assert(
      fc.property(fc.nat(1000), fc.nat(1000), fc.nat(1000), (tpMinusOne, fp, fn) => {
        const s = scoresFrom(tpMinusOne + 1, fp, fn);
        expect(s.f1).toBeCloseTo((2 * s.precision * s.recall) / (s.precision + s.recall), 10);
      }),
    );
  });

  it('fails the gate on the kind that falls short, naming it', () => {
    const report = evaluate(cases, (article) => answers[article.body]!);
    expect(gateFailures(report, { people: 0.6, topics: 0.9 })).toEqual(['topics F1 0.500 < 0.9']);
    expect(gateFailures(report, { people: 0.6, topics: 0.5 })).toEqual([]);
  });
});
