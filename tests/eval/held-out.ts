/**
 * The held-out batches scored against their own Latin-letter watchlist (tests/fixtures/tagger/held-out):
 * per-batch people and topic scores, people on Russian texts whose people are given only in Latin
 * letters, and how topic precision and recall move with a subscription's `minScore`.
 * Kept apart from the main evaluation (and from other sections of `npm run eval`) on purpose.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Watchlist } from '../../functions/core/watchlist';
import { evaluate, formatScores, scoresFrom, type Report, type Scores, type TagFn, type TaggerOutput } from './evaluate';
import { type LoadedCase, loadWatchlist, parseCaseFile } from './fixtures';

export const HELD_OUT_DIR = fileURLToPath(new URL('../fixtures/tagger/held-out/', import.meta.url));
export const TOPIC = 'prisoner-exchange';
export const MIN_SCORES = [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95];
const CYRILLIC = /[\u0400-\u04ff]/;

export interface Batch {
  name: string;
  cases: LoadedCase[];
}

const batchNumber = (name: string) => Number(name.slice(name.lastIndexOf('-') + 1));

/** The held-out watchlist and its batches (`held-out-N-*.jsonl`, grouped by N), in order. */
export function loadHeldOut(dir: string = HELD_OUT_DIR): { watchlist: Watchlist; batches: Batch[] } {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort();
  const byBatch = new Map<string, LoadedCase[]>();
  for (const f of files) {
    const name = f.replace(/-(en|ru)\.jsonl$/, '');
    byBatch.set(name, [...(byBatch.get(name) ?? []), ...parseCaseFile(readFileSync(join(dir, f), 'utf8'), f)]);
  }
  // By batch number, not by file name: `held-out-10` sorts before `held-out-2` as a string.
  const batches = [...byBatch].map(([name, cases]) => ({ name, cases })).sort((a, b) => batchNumber(a.name) - batchNumber(b.name));
  return { watchlist: loadWatchlist(join(dir, 'watchlist.json')), batches };
}

/** Ids of the people given only in Latin letters (no Cyrillic name or alias). */
export function latinOnlyPeople(watchlist: Watchlist): Set<string> {
  return new Set(watchlist.people.filter((p) => ![p.name, ...(p.aliases ?? [])].some((s) => CYRILLIC.test(s))).map((p) => p.id));
}

/** People scores on the Russian cases, counting only the people given in Latin letters. */
export function russianLatinOnly(cases: readonly LoadedCase[], tag: TagFn, latin: ReadonlySet<string>): Scores {
  const ru = cases
    .filter((c) => c.lang === 'ru')
    .map((c) => ({ ...c, expect: { people: c.expect.people.filter((p) => latin.has(p)), topics: [] } }));
  const only = (out: TaggerOutput): TaggerOutput => ({ people: out.people.filter((p) => latin.has(p.id)), topics: [] });
  return evaluate(ru, (a) => only(tag(a))).people;
}

export interface ThresholdRow {
  minScore: number;
  scores: Scores;
}

/** Topic precision/recall/F1 if only scores at or above each minScore counted. */
export function thresholdTable(cases: readonly LoadedCase[], score: (c: LoadedCase) => number, minScores = MIN_SCORES): ThresholdRow[] {
  const rows = cases.map((c) => ({ positive: c.expect.topics.includes(TOPIC), score: score(c) }));
  return minScores.map((minScore) => {
    const kept = (r: (typeof rows)[number]) => r.score > 0 && r.score >= minScore;
    const tp = rows.filter((r) => r.positive && kept(r)).length;
    const fp = rows.filter((r) => !r.positive && kept(r)).length;
    const fn = rows.filter((r) => r.positive && !kept(r)).length;
    return { minScore, scores: scoresFrom(tp, fp, fn) };
  });
}

export interface HeldOutReport {
  batch: string;
  report: Report;
  russianLatinOnly: Scores;
  table: ThresholdRow[];
}

export function evaluateHeldOut(makeTag: (w: Watchlist) => TagFn, dir?: string): HeldOutReport[] {
  const { watchlist, batches } = loadHeldOut(dir);
  const tag = makeTag(watchlist);
  const latin = latinOnlyPeople(watchlist);
  const topicScore = (c: LoadedCase) => tag(c.article).topics.find((t) => t.id === TOPIC)?.score ?? 0;
  return batches.map(({ name, cases }) => ({
    batch: name,
    report: evaluate(cases, tag),
    russianLatinOnly: russianLatinOnly(cases, tag, latin),
    table: thresholdTable(cases, topicScore),
  }));
}

const f3 = (x: number) => x.toFixed(3);

/** The held-out section of `npm run eval`. */
export function formatHeldOut(reports: readonly HeldOutReport[]): string {
  const lines = ['Held-out batches (tests/fixtures/tagger/held-out, its own watchlist: people in Latin letters only)', ''];
  for (const r of reports) {
    lines.push(`${r.batch}: ${r.report.cases} articles`);
    lines.push(`  ${formatScores('people', r.report.people)}`);
    lines.push(`  ${formatScores('topics', r.report.topics)}`);
    lines.push(
      `  people on Russian texts, Latin-only watchlist names: F1 ${f3(r.russianLatinOnly.f1)} (tp ${r.russianLatinOnly.tp}, fp ${r.russianLatinOnly.fp}, fn ${r.russianLatinOnly.fn})`,
    );
  }
  lines.push('', `${TOPIC} by minScore (precision / recall / F1):`);
  lines.push(`  minScore  ${reports.map((r) => r.batch.padEnd(22)).join('')}`);
  for (let i = 0; i < MIN_SCORES.length; i++) {
    const cells = reports.map((r) => {
      const s = r.table[i]!.scores;
      return `${f3(s.precision)} / ${f3(s.recall)} / ${f3(s.f1)}`.padEnd(22);
    });
    lines.push(`  ${MIN_SCORES[i]!.toFixed(2).padEnd(8)}  ${cells.join('')}`);
  }
  const misses = reports.flatMap((r) =>
    r.report.misses.map(
      (m) => `  ${m.type === 'false-negative' ? 'missed  ' : 'spurious'} ${m.kind} ${m.label} ${m.caseId} ${m.file}:${m.line} [${m.case}]`,
    ),
  );
  lines.push('', `held-out misses (${misses.length}):`, ...(misses.length ? misses : ['  none']));
  return lines.join('\n');
}
