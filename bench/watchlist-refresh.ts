/**
 * npm run bench:watchlist — ingest latency while a 10,000-person watchlist is refreshed under traffic
 * (results and the method: docs/benchmarks.md, "## Watchlist refresh at 10,000 people").
 *
 * Starts the local runtime in this process (free ports, a temp data folder, WATCHLIST_TTL_SECONDS=2),
 * loads 10,000 generated people through the watchlist repository, then runs two phases of the same
 * load — POST /articles from CONCURRENCY clients for PHASE seconds each:
 *  1. baseline: no watchlist edits (the cache's re-checks find nothing new, nothing is rebuilt);
 *  2. refresh: every EDIT_EVERY_MS one person is changed through PUT /watchlist/people/{id}, so the next
 *     TTL re-check finds a new version, re-reads the watchlist and rebuilds the tagger.
 * Rebuilds are observed on the `taggerBuilds` diagnostics channel (start and duration of each build).
 * Everything shares one Node event loop — API, ingest handler, dynalite and these clients — so a
 * background rebuild, though on no request's own path, still holds up every request in flight while it
 * runs; the report shows exactly those requests. Options (environment): BENCH_PHASE_SECONDS (default 30).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { tableFromEnv } from '../functions/adapters/table';
import { loadWatchlist as readWatchlist, putWatchlistEntry } from '../functions/adapters/watchlist-repository';
import { sha256Hex } from '../functions/core/hash';
import { type TaggerBuildEvent, taggerBuilds } from '../functions/app/tagging';
import type { PersonEntry } from '../functions/core/watchlist';
import { type LocalRuntime, startLocalRuntime } from '../functions/local/runtime';
import { generatedPeople, rng } from './generated-people';
import { percentile } from './stats';

const PEOPLE = 10_000;
const TTL_SECONDS = 2;
const CONCURRENCY = 8;
const PHASE_MS = Number(process.env.BENCH_PHASE_SECONDS ?? 30) * 1000;
const EDIT_EVERY_MS = 4_000;
/** Settle time after loading, so the first full read and build are not in the baseline. */
const WARM_UP_MS = 3 * TTL_SECONDS * 1000;
const LOAD_CONCURRENCY = 16;
/** Timer tick for the event-loop stall probe, and the gap above which a tick counts as a stall. */
const PROBE_MS = 10;
const STALL_MS = 50;

interface Request {
  start: number;
  end: number;
  status: number;
}
interface Build {
  start: number;
  end: number;
  /** For tagger builds: compile time (the sum of the slices) and the longest slice. */
  busyMs?: number;
  longestSliceMs?: number;
}
interface PhaseResult {
  name: string;
  requests: Request[];
  builds: Build[];
  /** Each PUT /watchlist/people/{id}, request to response. */
  edits: Build[];
  stalls: Build[];
  load: number;
}

const FILLER =
  'Officials in the capital said on Tuesday that talks on trade, energy prices and shipping insurance would resume ' +
  'next week, after delegates from several regional councils met bankers and farmers to discuss the new rules.';

function articleBody(i: number, people: readonly PersonEntry[]): string {
  const paragraphs = Array.from({ length: 8 }, () => FILLER);
  // One article in five names a tracked person, as in bench:pipeline.
  if (i % 5 === 0) paragraphs.splice(3, 0, `Lawyers for ${people[(i * 7919) % people.length]!.name} said the court would hear the appeal.`);
  return paragraphs.join('\n\n');
}

function call(runtime: LocalRuntime, method: string, path: string, body: unknown): Promise<Response> {
  return fetch(`${runtime.apiUrl}${path}`, {
    method,
    headers: { 'x-api-key': runtime.apiKey, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function loadWatchlist(people: readonly PersonEntry[]): Promise<void> {
  const table = tableFromEnv();
  let next = 0;
  await Promise.all(
    Array.from({ length: LOAD_CONCURRENCY }, async () => {
      while (next < people.length) await putWatchlistEntry(table, 'person', people[next++]!);
    }),
  );
}

const READ_RUNS = 3;

/**
 * The other half of a refresh: the full read the cache makes when the counter moved (query, parse, hash),
 * timed alone after the phases, in this same process (dynalite's side of the read included).
 */
async function timeFullRead(): Promise<number[]> {
  const table = tableFromEnv();
  const times: number[] = [];
  for (let run = 0; run < READ_RUNS; run++) {
    const started = performance.now();
    const { watchlist } = await readWatchlist(table);
    sha256Hex(JSON.stringify(watchlist));
    times.push(performance.now() - started);
  }
  return times;
}

/** Records every gap between timer ticks longer than STALL_MS: the times the event loop was held. */
function stallProbe(): { stop(): Build[] } {
  const stalls: Build[] = [];
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    if (now - last > STALL_MS) stalls.push({ start: last, end: now });
    last = now;
  }, PROBE_MS);
  return {
    stop() {
      clearInterval(timer);
      return stalls;
    },
  };
}

let articleNumber = 0;

async function runPhase(runtime: LocalRuntime, people: readonly PersonEntry[], name: string, withEdits: boolean): Promise<PhaseResult> {
  const builds: Build[] = [];
  const onBuild = (message: unknown) => {
    const event = message as TaggerBuildEvent;
    builds.push({
      start: event.startedAt,
      end: event.startedAt + event.durationMs,
      busyMs: event.busyMs,
      longestSliceMs: event.longestSliceMs,
    });
  };
  taggerBuilds.subscribe(onBuild);
  const probe = stallProbe();
  const requests: Request[] = [];
  const endAt = performance.now() + PHASE_MS;
  const client = async () => {
    while (performance.now() < endAt) {
      const i = articleNumber++;
      const start = performance.now();
      const response = await call(runtime, 'POST', '/articles', {
        title: `Regional update ${i}`,
        body: articleBody(i, people),
        url: `https://news.example.com/refresh/${i}`,
        source: 'news.example.com',
        publishedAt: new Date().toISOString(),
      });
      await response.arrayBuffer();
      requests.push({ start, end: performance.now(), status: response.status });
    }
  };
  const edits: Build[] = [];
  const editor = async () => {
    while (withEdits && performance.now() + EDIT_EVERY_MS < endAt) {
      await new Promise((resolve) => setTimeout(resolve, EDIT_EVERY_MS));
      const person = people[people.length - 1 - (edits.length % 100)]!;
      const start = performance.now();
      const response = await call(runtime, 'PUT', `/watchlist/people/${person.id}`, {
        name: person.name,
        aliases: [...(person.aliases ?? []), `${person.name} ${edits.length}`],
      });
      if (response.status >= 300) throw new Error(`edit refused: ${response.status} ${await response.text()}`);
      edits.push({ start, end: performance.now() });
    }
  };
  await Promise.all([...Array.from({ length: CONCURRENCY }, client), editor()]);
  const stalls = probe.stop();
  taggerBuilds.unsubscribe(onBuild);
  return { name, requests, builds, edits, stalls, load: loadavg()[0]! };
}

const overlaps = (r: Build, windows: readonly Build[]) => windows.some((w) => r.start < w.end && r.end > w.start);
const ms = (n: number) => (Number.isFinite(n) ? `${n.toFixed(0)} ms` : '—');

function report(phase: PhaseResult, baseline: PhaseResult): string[][] {
  const latency = phase.requests.map((r) => r.end - r.start);
  const during = phase.requests.filter((r) => overlaps(r, phase.builds)).map((r) => r.end - r.start);
  const duringEdit = phase.requests.filter((r) => overlaps(r, phase.edits)).map((r) => r.end - r.start);
  const outside = phase.requests.filter((r) => !overlaps(r, phase.builds) && !overlaps(r, phase.edits)).map((r) => r.end - r.start);
  const editMs = phase.edits.map((e) => e.end - e.start);
  const durations = phase.builds.map((b) => b.end - b.start);
  const busy = phase.builds.map((b) => b.busyMs ?? 0);
  const slices = phase.builds.map((b) => b.longestSliceMs ?? 0);
  const baselineP99 = percentile(
    baseline.requests.map((r) => r.end - r.start),
    99,
  );
  const statuses = new Map<number, number>();
  for (const r of phase.requests) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
  const stallMs = phase.stalls.map((s) => s.end - s.start);
  return [
    [phase.name, ''],
    ['  requests (statuses)', `${phase.requests.length}  ${JSON.stringify(Object.fromEntries(statuses))}`],
    ['  latency p50 / p99 / max', `${ms(percentile(latency, 50))} / ${ms(percentile(latency, 99))} / ${ms(Math.max(...latency))}`],
    ['  watchlist edits / tagger rebuilds', `${phase.edits.length} / ${phase.builds.length}`],
    ['  edit request (PUT) latency median / max', `${ms(percentile(editMs, 50))} / ${ms(Math.max(...editMs))}`],
    [
      '  rebuild duration min / median / max',
      `${ms(Math.min(...durations))} / ${ms(percentile(durations, 50))} / ${ms(Math.max(...durations))}`,
    ],
    ['  rebuild compile time (sum of slices) median / max', `${ms(percentile(busy, 50))} / ${ms(Math.max(...busy))}`],
    ['  longest slice of a rebuild median / max', `${ms(percentile(slices, 50))} / ${ms(Math.max(...slices))}`],
    [
      '  in flight during a rebuild: n, p50 / p99 / max',
      `${during.length}, ${ms(percentile(during, 50))} / ${ms(percentile(during, 99))} / ${ms(Math.max(...during))}`,
    ],
    ['  ÷ baseline p99 (same run)', `${(percentile(during, 99) / baselineP99).toFixed(2)} ×`],
    [
      '  in flight during an edit request: n, p99 / max',
      `${duringEdit.length}, ${ms(percentile(duringEdit, 99))} / ${ms(Math.max(...duringEdit))}`,
    ],
    ['  in flight during neither: p50 / p99', `${ms(percentile(outside, 50))} / ${ms(percentile(outside, 99))}`],
    [
      `  event-loop stalls > ${STALL_MS} ms: n, total, max`,
      `${stallMs.length}, ${ms(stallMs.reduce((a, b) => a + b, 0))}, ${ms(Math.max(...stallMs))}`,
    ],
    ['  load average (1 min) at the end', phase.load.toFixed(1)],
  ];
}

async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  // Read by the ingest handler when the runtime loads it (the runtime's own default is 5 s).
  process.env.WATCHLIST_TTL_SECONDS = String(TTL_SECONDS);
  const dataDir = mkdtempSync(join(tmpdir(), 'newswatch-bench-watchlist-'));
  const runtime = await startLocalRuntime({
    dataDir,
    port: 0,
    snsPort: 0,
    feedPollIntervalMs: 0,
    sweep: { intervalMs: 10 * PHASE_MS },
    warn: () => undefined,
  });
  try {
    const people = generatedPeople(PEOPLE, rng(42));
    const loadStarted = performance.now();
    await loadWatchlist(people);
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    console.log(
      `bench:watchlist — ${PEOPLE.toLocaleString('en')} people (loaded in ${loadSeconds.toFixed(0)} s), TTL ${TTL_SECONDS} s, ` +
        `concurrency ${CONCURRENCY}, ${PHASE_MS / 1000} s per phase, edit every ${EDIT_EVERY_MS / 1000} s, Node ${process.version}, load average ${loadavg()[0]!.toFixed(1)}`,
    );
    const first = await call(runtime, 'POST', '/articles', {
      title: 'warm-up',
      body: articleBody(0, people),
      url: 'https://news.example.com/warm-up',
    });
    if (first.status !== 201) throw new Error(`warm-up article refused: ${first.status} ${await first.text()}`);
    await new Promise((resolve) => setTimeout(resolve, WARM_UP_MS));
    const phases = [
      await runPhase(runtime, people, 'baseline (no edits)', false),
      await runPhase(runtime, people, 'refresh (edits)', true),
    ];
    for (const [label, value] of phases.flatMap((p) => report(p, phases[0]!))) console.log(`${label!.padEnd(50)} ${value}`);
    const reads = await timeFullRead();
    console.log(`${'full watchlist read alone (query, parse, hash)'.padEnd(50)} ${reads.map(ms).join(', ')}`);
  } finally {
    await runtime.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
