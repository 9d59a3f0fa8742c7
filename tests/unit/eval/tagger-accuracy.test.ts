import { beforeAll, describe, expect, it } from 'vitest';
import { createTagger } from '../../../functions/core/tagger';
import { evaluate, formatMiss, formatScores, formatSpanError, GATE, type LabelKind, type Report } from '../../eval/evaluate';
import { loadCases, loadWatchlist } from '../../eval/fixtures';

/**
 * The accuracy gate: the tagger, run on the hand-labelled set in tests/fixtures/tagger,
 * must reach people F1 >= 0.98 and topic F1 >= 0.95 (article-level, micro-averaged).
 * `npm run eval` prints the same figures with every miss.
 */
describe('tagger accuracy on the labelled evaluation set', () => {
  let report: Report;

  beforeAll(() => {
    const tagger = createTagger(loadWatchlist());
    report = evaluate(loadCases(), (article) => tagger.tag(article));
  });

  const explain = (kind: LabelKind) =>
    [formatScores(kind, report[kind]), ...report.misses.filter((m) => m.kind === kind).map(formatMiss)].join('\n');

  it(`finds the tracked people with F1 >= ${GATE.people}`, () => {
    expect(report.people.f1, explain('people')).toBeGreaterThanOrEqual(GATE.people);
  });

  it(`recognises prisoner-exchange articles with F1 >= ${GATE.topics}`, () => {
    expect(report.topics.f1, explain('topics')).toBeGreaterThanOrEqual(GATE.topics);
  });

  it('tags every article without throwing', () => {
    expect(report.errors).toEqual([]);
  });

  it('gives evidence spans whose text is the slice of the original field (Cyrillic, full-width, decomposed accents included)', () => {
    expect(report.spanErrors.map(formatSpanError)).toEqual([]);
  });
});
