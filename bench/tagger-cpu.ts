/**
 * npm run bench:tagger-cpu -- [ROOT] — CPU time (not wall time) of tagging and of a matcher build, for
 * comparing two versions of the tagger on a loaded machine, where wall-clock figures move 2–3 × between
 * runs of the same code (docs/benchmarks.md, "Before and after the exchange rules …").
 *
 * Loads the tagger from ROOT (a copy of this repository at another commit; default: this tree) and
 * tags every labelled and held-out article of this tree three times with 10 and with 10,000 generated
 * people. Prints one line: `tag10 build10 tag10000 build10000` in CPU milliseconds (tagging: median of
 * five passes after a warm-up). Run it alternately for the two trees, several times each, and compare
 * the medians: one process per run, so neither version warms the other's JIT.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as TaggerModule from '../functions/core/tagger';
import { defaultWatchlist } from '../functions/core/watchlist';
import { loadCases } from '../tests/eval/fixtures';
import { loadHeldOut } from '../tests/eval/held-out';
import { generatedPeople, rng } from './generated-people';

const SIZES = [10, 10_000];
const COPIES = 3;
const PASSES = 6;

const root = resolve(process.argv[2] ?? '.');
const { createTagger } = (await import(pathToFileURL(`${root}/functions/core/tagger/index.ts`).href)) as typeof TaggerModule;
const articles = [...loadCases().map((c) => c.article), ...loadHeldOut().batches.flatMap((b) => b.cases.map((c) => c.article))];
const corpus = Array.from({ length: COPIES }, () => articles).flat();
const people = generatedPeople(SIZES[SIZES.length - 1]!, rng(42));

const cpuMs = (since: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const out: number[] = [];
for (const n of SIZES) {
  const atBuild = process.cpuUsage();
  const tagger = createTagger({ people: people.slice(0, n), topics: defaultWatchlist.topics });
  const build = cpuMs(atBuild);
  const passes: number[] = [];
  for (let pass = 0; pass < PASSES; pass++) {
    const at = process.cpuUsage();
    for (const article of corpus) tagger.tag(article);
    // The first pass warms the JIT and is not counted.
    if (pass > 0) passes.push(cpuMs(at));
  }
  out.push(median(passes), build);
}
console.log(out.map((x) => x.toFixed(1)).join(' '));
