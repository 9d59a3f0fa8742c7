/**
 * `npm run eval`: scores the tagger on the labelled set in tests/fixtures/tagger and lists every miss.
 * `npm run eval -- --json` prints the full report as JSON instead.
 * `npm run eval -- --files realistic` scores only the case files whose name starts with `realistic`
 * (to report a held-out set on its own).
 * Exit 0 after printing (the accuracy gate lives in the test suite); exit 2 if a fixture is malformed.
 */
import { createTagger } from '../../functions/core/tagger';
import { evaluate, formatMisses, formatScores, gateFailures, GATE, type Report } from './evaluate';
import { FixtureError, loadCases, loadWatchlist, type LoadedCase } from './fixtures';
import { evaluateHeldOut, formatHeldOut } from './held-out';
import { formatStoryScores, formatStreamScores, scoreGeneratedStream, scoreSplits } from './stories/run-stories';

function countTable(cases: readonly LoadedCase[]): string {
  const langs = [...new Set(cases.map((c) => c.lang))].sort();
  const categories = [...new Set(cases.map((c) => c.category))];
  const count = (cat: string, lang?: string) => cases.filter((c) => c.category === cat && (!lang || c.lang === lang)).length;
  const header = `  ${'category'.padEnd(22)}${langs.map((l) => l.padStart(5)).join('')}  total`;
  const rows = categories.map(
    (cat) => `  ${cat.padEnd(22)}${langs.map((l) => String(count(cat, l)).padStart(5)).join('')}  ${String(count(cat)).padStart(5)}`,
  );
  const totals = `  ${'all'.padEnd(22)}${langs.map((l) => String(cases.filter((c) => c.lang === l).length).padStart(5)).join('')}  ${String(cases.length).padStart(5)}`;
  return [header, ...rows, totals].join('\n');
}

function printText(cases: readonly LoadedCase[], report: Report): void {
  const failures = gateFailures(report);
  console.log(`Tagger accuracy on ${report.cases} labelled articles (tests/fixtures/tagger), article-level, micro-averaged\n`);
  console.log(countTable(cases));
  console.log('');
  console.log(formatScores('people', report.people));
  console.log(formatScores('topics', report.topics));
  console.log(
    `\ngate: people F1 >= ${GATE.people}, topics F1 >= ${GATE.topics}: ${failures.length === 0 ? 'PASS' : `FAIL (${failures.join('; ')})`}`,
  );
  const extras = [
    report.errors.length && `tagger errors ${report.errors.length}`,
    report.spanErrors.length && `bad spans ${report.spanErrors.length}`,
  ];
  console.log(`\nmisses (${[report.misses.length, ...extras.filter(Boolean)].join(', ')}):`);
  console.log(formatMisses(report));
}

function main(): void {
  const json = process.argv.includes('--json');
  const watchlist = loadWatchlist();
  const at = process.argv.indexOf('--files');
  const prefix = at > 0 ? process.argv[at + 1] : undefined;
  const cases = loadCases().filter((c) => !prefix || c.file.startsWith(prefix));
  const tagger = createTagger(watchlist);
  const report = evaluate(cases, (article) => tagger.tag(article));
  if (json) console.log(JSON.stringify(report, null, 2));
  else printText(cases, report);
  if (!json && (!prefix || 'held-out'.startsWith(prefix))) {
    const heldOut = evaluateHeldOut((w) => {
      const t = createTagger(w);
      return (article) => t.tag(article);
    });
    console.log(`\n${formatHeldOut(heldOut)}`);
  }
}

try {
  main();
} catch (err) {
  if (!(err instanceof FixtureError)) throw err;
  console.error(`eval: bad fixture: ${err.message}`);
  process.exit(2);
}

// Story clustering, beside the tagger's figures (its own module: tests/eval/stories/).
if (!process.argv.includes('--json')) {
  console.log(`\n${formatStoryScores(await scoreSplits(loadWatchlist()))}`);
  console.log(`\n${formatStreamScores(await scoreGeneratedStream())}`);
}
