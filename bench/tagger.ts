/**
 * npm run bench:tagger — tagger throughput, build time and heap, in one run on one generated corpus
 * (results and the method: docs/benchmarks.md, "## Tagger"). Options: --mb N (corpus size, default 15: the
 * size the CLI target is set for); --cli-only (only the whole-process table).
 *
 * Measures, for watchlists of 10, 1,000 and 10,000 generated people:
 *  - in-process throughput of createTagger(...).tag over every article;
 *  - the naive baseline: one case-insensitive whole-word regex per name/alias;
 *  - the whole CLI (`node bin/newswatch-cli.mjs tag --jsonl --watchlist W corpus.jsonl`) as a plain node
 *    process, against the I/O floor: a plain node process that reads, JSON-parses, lower-cases and
 *    writes the same JSON Lines with no matching;
 *  - build time and heap of the matcher for 10,000 people.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { decodeAligned, encodeAligned } from '../functions/cli/support/aligned-snapshot';
import { LenientArticleInput } from '../functions/core/article';
import { buildTaggerSnapshot, createTagger, type TaggerSnapshot, taggerFromSnapshot } from '../functions/core/tagger';
import { TaggerSnapshotShape } from '../functions/core/tagger/snapshot-shape';
import { defaultWatchlist, type PersonEntry, type Watchlist } from '../functions/core/watchlist';
import { generatedPeople, rng, surname } from './generated-people';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const SIZES = [10, 1_000, 10_000];
const argMb = process.argv.indexOf('--mb');
/** The CLI target (≤ 2 × the I/O floor at 10,000 people) is set on a 15 MB corpus rich in topic vocabulary. */
const CORPUS_MB = argMb > 0 ? Number(process.argv[argMb + 1]) : 15;
const ARTICLE_BYTES = 5_000;
const CLI_RUNS = 5;
/** --cli-only: only the whole-process table (the in-process figures take minutes on a loaded machine). */
const CLI_ONLY = process.argv.includes('--cli-only');
const NAIVE_BUDGET_MS = 4_000;

const random = rng(42);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

const FILLER = `the a of to and in that is for on with as was at by it from he said his be an are has have not
but they this which had were who after also their been will more one would about new its two when there over
than into up other could government people year years last first president minister officials told week
country state city court police report former according since during while between under where both against
because many some most time world news public national security talks trade market prices company economy
sources statement meeting agreement election party law military forces war foreign policy support group
million percent day month yesterday monday tuesday thursday friday later before still however including
three five local region health water energy oil gas banks workers union strike schools students hospital
weather storm flooding roads rail airport flights season team match league coach players fans stadium
release prison exchange swap deal citizens detained sentence free return home officials negotiations`
  .split(/\s+/)
  .filter(Boolean);
/** 10,000 distinct people; the first three are the shipped watchlist's. */
const PEOPLE: PersonEntry[] = generatedPeople(SIZES[SIZES.length - 1]!, random);
const watchlist = (n: number): Watchlist => ({ people: PEOPLE.slice(0, n), topics: defaultWatchlist.topics });

function sentence(): string {
  const words = Array.from({ length: 8 + Math.floor(random() * 14) }, () => pick(FILLER));
  if (random() < 0.08) words.splice(Math.floor(random() * words.length), 0, pick(PEOPLE.slice(0, 10)).name);
  if (random() < 0.08) words.splice(Math.floor(random() * words.length), 0, pick(PEOPLE).name);
  if (random() < 0.03) words.splice(Math.floor(random() * words.length), 0, surname(Math.floor(random() * 9_000)));
  const text = words.join(' ');
  return `${text[0]!.toUpperCase() + text.slice(1)}.`;
}

function article(i: number): string {
  let body = '';
  while (body.length < ARTICLE_BYTES) body += (body ? (random() < 0.2 ? '\n\n' : ' ') : '') + sentence();
  const title = sentence().slice(0, 80);
  return JSON.stringify({ id: `a-${i}`, title, body, url: `https://example.com/news/${i}`, source: 'bench' });
}

const FLOOR_SCRIPT = `
import { createReadStream } from 'node:fs';
let rest = '', out = '';
const flush = async () => { if (out && !process.stdout.write(out)) await new Promise((r) => process.stdout.once('drain', r)); out = ''; };
for await (const chunk of createReadStream(process.argv[2], { highWaterMark: 1 << 20 }).setEncoding('utf8')) {
  const lines = (rest + chunk).split('\\n');
  rest = lines.pop();
  for (const line of lines) {
    if (!line) continue;
    const a = JSON.parse(line);
    a.body = a.body.toLowerCase();
    if (a.title) a.title = a.title.toLowerCase();
    out += JSON.stringify(a) + '\\n';
    if (out.length > 65536) await flush();
  }
}
await flush();
`;

/** GNU time, when present: it reports a child's CPU time (Node has no getrusage of its children). */
const GNU_TIME = '/usr/bin/time';
const hasGnuTime = existsSync(GNU_TIME);

/** One timed run of a node process writing to outFile: wall ms, and CPU ms (user + system, all threads) when GNU time is there. */
function runProcess(args: string[], outFile: string, env: NodeJS.ProcessEnv): { wall: number; cpu: number } {
  const fd = openSync(outFile, 'w');
  const command = hasGnuTime ? [GNU_TIME, '-f', '%U %S', process.execPath, ...args] : [process.execPath, ...args];
  const t0 = performance.now();
  const result = spawnSync(command[0]!, command.slice(1), { stdio: ['ignore', fd, 'pipe'], env, encoding: 'utf8' });
  const wall = performance.now() - t0;
  closeSync(fd);
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  const times = hasGnuTime ? result.stderr.trim().split('\n').pop()!.split(' ').map(Number) : [Number.NaN, 0];
  return { wall, cpu: (times[0]! + times[1]!) * 1000 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface Variant {
  label: string;
  args: string[];
  out: string;
  /** Checked byte for byte against the in-process tagger after its runs. */
  people?: number;
}

/**
 * Times every variant CLI_RUNS times, interleaved (floor, then each CLI variant, round after round), so
 * a change in the machine's load hits all of them alike. Returns the median wall ms per variant.
 */
function timeInterleaved(variants: Variant[], env: NodeJS.ProcessEnv): Map<string, { wall: number; cpu: number }> {
  const runs = new Map<string, { wall: number; cpu: number }[]>(variants.map((v) => [v.label, []]));
  for (let run = 0; run < CLI_RUNS; run++) for (const v of variants) runs.get(v.label)!.push(runProcess(v.args, v.out, env));
  return new Map([...runs].map(([label, xs]) => [label, { wall: median(xs.map((x) => x.wall)), cpu: median(xs.map((x) => x.cpu)) }]));
}

/**
 * The CLI's output must be exactly what the tagger gives for each article (speed-ups of the CLI path
 * must not change a byte): the expected lines are built in-process, the way the tag command's contract says.
 */
function checkOutput(outFile: string, corpusLines: string[], w: Watchlist): void {
  const tagger = createTagger(w);
  const expected = corpusLines.map((line) => {
    const a = LenientArticleInput.parse(JSON.parse(line));
    const { people, topics } = tagger.tag(a);
    return `${JSON.stringify({ id: a.id ?? null, people, topics })}\n`;
  });
  if (readFileSync(outFile, 'utf8') !== expected.join(''))
    throw new Error(`CLI output differs from the in-process tagger (${w.people.length} people)`);
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const mbps = (bytes: number, ms: number) => bytes / 1e6 / (ms / 1000);
const fmt = (n: number, d = 1) => n.toFixed(d);

/** In-process figures: throughput per watchlist size, the naive baseline, build time and heap. */
function inProcessFigures(articles: { title: string; body: string }[], lines: string[], bytes: number): void {
  // In-process: build, tag, naive baseline.
  const rows: string[] = [];
  const inProcess = new Map<number, number>();
  for (const n of SIZES) {
    const w = watchlist(n);
    const t0 = performance.now();
    const tagger = createTagger(w);
    const build = performance.now() - t0;
    for (const a of articles.slice(0, 200)) tagger.tag(a);
    // Best of 3 passes: this machine is shared, and the fastest pass is the least disturbed one.
    let mentions = 0;
    let ms = Infinity;
    for (let pass = 0; pass < 3; pass++) {
      mentions = 0;
      const t1 = performance.now();
      for (const a of articles) mentions += tagger.tag(a).people.length;
      ms = Math.min(ms, performance.now() - t1);
    }
    inProcess.set(n, ms);

    const regexes = w.people
      .flatMap((p) => [p.name, ...(p.aliases ?? [])])
      .map((alias) => new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegex(alias)}(?![\\p{L}\\p{N}])`, 'giu'));
    let naiveBytes = 0;
    let naiveCount = 0;
    let naiveArticles = 0;
    const t2 = performance.now();
    for (const [i, a] of articles.entries()) {
      for (const re of regexes) {
        re.lastIndex = 0;
        while (re.exec(a.body)) naiveCount++;
        re.lastIndex = 0;
        while (re.exec(a.title)) naiveCount++;
      }
      naiveBytes += Buffer.byteLength(lines[i]!) + 1;
      naiveArticles++;
      if (performance.now() - t2 > NAIVE_BUDGET_MS) break;
    }
    const naiveMs = performance.now() - t2;
    rows.push(
      `| ${n.toLocaleString('en')} | ${fmt(build)} | ${fmt(mbps(bytes, ms))} | ${Math.round(articles.length / (ms / 1000)).toLocaleString('en')} | ${mbps(naiveBytes, naiveMs).toPrecision(2)} | ${(naiveArticles / (naiveMs / 1000)).toPrecision(2)} (${naiveArticles} articles timed) | ${fmt(mbps(bytes, ms) / mbps(naiveBytes, naiveMs), 0)}× | ${mentions} |`,
    );
    void naiveCount;
  }
  console.log('\nIn-process tagging (createTagger(...).tag on every article; MB = JSONL bytes):\n');
  console.log(
    '| people | build ms | tagger MB/s | tagger articles/s | naive regex MB/s | naive articles/s | tagger ÷ naive | people tags |',
  );
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) console.log(r);
  console.log(`\nslow-down 10 → 10,000 people (in-process): ${fmt(inProcess.get(10_000)! / inProcess.get(10)!, 2)}× (target ≤ 1.3×)`);

  // Build time (median of 5) and heap for 10,000 people.
  const w10k = watchlist(10_000);
  const builds = Array.from({ length: 5 }, () => {
    const t = performance.now();
    createTagger(w10k);
    return performance.now() - t;
  }).sort((a, b) => a - b);
  gc();
  const before = process.memoryUsage().heapUsed;
  const tagger = createTagger(w10k);
  for (const a of articles.slice(0, 500)) tagger.tag(a);
  gc();
  const after = process.memoryUsage().heapUsed;
  console.log(
    `\nmatcher for 10,000 people: build ${fmt(builds[2]!)} ms median of 5 (target ≤ 300), heap ${fmt((after - before) / 1e6)} MB for the matcher, ${fmt(after / 1e6)} MB heap used by this whole process (target ≤ 150)`,
  );
  void tagger;
  restoreFigures(w10k);
}

/** What the CLI's matcher cache does instead of a build: decode the kept snapshot and restore the tagger (median of 5, alternating with builds). */
function restoreFigures(w: Watchlist): void {
  const payload = encodeAligned(buildTaggerSnapshot(w));
  const builds: number[] = [];
  const restores: number[] = [];
  for (let i = 0; i < 5; i++) {
    let t = performance.now();
    createTagger(w);
    builds.push(performance.now() - t);
    const bytes = new Uint8Array(payload); // its own copy: the restored tables are views on it
    t = performance.now();
    taggerFromSnapshot(TaggerSnapshotShape.parse(decodeAligned(bytes)) as TaggerSnapshot);
    restores.push(performance.now() - t);
  }
  const [build, restore] = [median(builds), median(restores)];
  console.log(
    `matcher cache at 10,000 people: restore ${fmt(restore)} ms against build ${fmt(build)} ms (medians of 5, alternating): ${fmt(restore / build, 2)} × the build; ${fmt(payload.length / 1e6)} MB on disk`,
  );
}

function main(): void {
  const dir = mkdtempSync(join(tmpdir(), 'newswatch-bench-'));
  try {
    const lines: string[] = [];
    let bytes = 0;
    while (bytes < CORPUS_MB * 1e6) {
      const line = article(lines.length);
      lines.push(line);
      bytes += Buffer.byteLength(line) + 1;
    }
    const corpus = process.env.BENCH_CORPUS_OUT ?? join(dir, 'corpus.jsonl');
    writeFileSync(corpus, `${lines.join('\n')}\n`);
    if (process.env.BENCH_CORPUS_OUT) {
      writeFileSync(`${corpus}.watchlist.json`, JSON.stringify(watchlist(10_000)));
      return; // for profiling: keep the corpus and the 10,000-people watchlist, measure nothing
    }
    const articles = lines.map((l) => JSON.parse(l) as { title: string; body: string });
    console.log(
      `corpus: ${articles.length} articles, ${fmt(statSync(corpus).size / 1e6)} MB (${fmt(statSync(corpus).size / articles.length / 1000, 2)} KB each), node ${process.version}`,
    );

    if (!CLI_ONLY) inProcessFigures(articles, lines, bytes);

    // Whole CLI vs I/O floor, as plain node processes.
    const floorScript = join(dir, 'floor.mjs');
    writeFileSync(floorScript, FLOOR_SCRIPT);
    const cli = join(process.cwd(), 'bin', 'newswatch-cli.mjs');
    // The CLI's matcher cache for this run only: empty at the start, so the first run per watchlist builds.
    const env = { ...process.env, NEWSWATCH_TAG_CACHE_DIR: join(dir, 'matchers') };
    // Warm: the launcher bundles on a first run (`tag` has its own bundle, the rest share another).
    spawnSync(process.execPath, [cli, '--help'], { stdio: 'ignore' });
    spawnSync(process.execPath, [cli, 'tag', '--help'], { stdio: 'ignore' });
    const tagArgs = (n: number, ...extra: string[]) => [
      cli,
      'tag',
      '--jsonl',
      ...extra,
      '--watchlist',
      join(dir, `watchlist-${n}.json`),
      corpus,
    ];
    const cold = new Map<number, { wall: number; cpu: number }>();
    for (const n of SIZES) {
      writeFileSync(join(dir, `watchlist-${n}.json`), JSON.stringify(watchlist(n)));
      cold.set(n, runProcess(tagArgs(n), join(dir, `cold-${n}.jsonl`), env));
      checkOutput(join(dir, `cold-${n}.jsonl`), lines, watchlist(n));
    }
    const variants: Variant[] = [
      { label: 'I/O floor (read, JSON.parse, toLowerCase, write)', args: [floorScript, corpus], out: join(dir, 'floor.jsonl') },
      ...SIZES.map((n) => ({
        label: `CLI tag, ${n.toLocaleString('en')} people`,
        args: tagArgs(n),
        out: join(dir, `out-${n}.jsonl`),
        people: n,
      })),
      { label: 'CLI tag, 10,000 people, --threads 1', args: tagArgs(10_000, '--threads', '1'), out: join(dir, 't1.jsonl'), people: 10_000 },
      { label: 'CLI tag, 10,000 people, --threads 2', args: tagArgs(10_000, '--threads', '2'), out: join(dir, 't2.jsonl'), people: 10_000 },
      { label: 'CLI tag, 10,000 people, --no-cache', args: tagArgs(10_000, '--no-cache'), out: join(dir, 'nc.jsonl'), people: 10_000 },
      {
        label: 'CLI tag, 10,000 people, --no-cache --threads 1 (built every run, one thread: the CLI as it was)',
        args: tagArgs(10_000, '--no-cache', '--threads', '1'),
        out: join(dir, 'nc-t1.jsonl'),
        people: 10_000,
      },
    ];
    const walls = timeInterleaved(variants, env);
    for (const v of variants) if (v.people) checkOutput(v.out, lines, watchlist(v.people));
    const floor = walls.get(variants[0]!.label)!;
    const cpuNote = hasGnuTime ? 'CPU = user + system of all its threads, by GNU time' : 'CPU not measured: no GNU time';
    console.log(
      `\nWhole process, median of ${CLI_RUNS} interleaved rounds (wall time incl. node start-up; load average ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' / ')} at the end; ${cpuNote}):\n`,
    );
    console.log('| run | ms | MB/s | articles/s | ÷ I/O floor | CPU ms | CPU ÷ floor CPU |');
    console.log('|---|---:|---:|---:|---:|---:|---:|');
    const row = (label: string, { wall: ms, cpu }: { wall: number; cpu: number }) =>
      console.log(
        `| ${label} | ${fmt(ms, 0)} | ${fmt(mbps(bytes, ms))} | ${Math.round(articles.length / (ms / 1000)).toLocaleString('en')} | ${fmt(ms / floor.wall, 2)} | ${fmt(cpu, 0)} | ${fmt(cpu / floor.cpu, 2)} |`,
      );
    for (const v of variants) row(v.label, walls.get(v.label)!);
    for (const n of SIZES) row(`CLI tag, ${n.toLocaleString('en')} people, first run (matcher built and cached; one run)`, cold.get(n)!);
    console.log('\nCLI output checked byte for byte against the in-process tagger for every row.');
    console.log('targets: CLI at 10,000 people ≤ 2.00 × I/O floor (the matcher built once per watchlist version: the cached runs)');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
