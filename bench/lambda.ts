/**
 * npm run bench:lambda — cold start of every Lambda function, against an SDK-clients-only handler.
 *
 * Each handler is bundled with exactly the esbuild settings the CDK ProjectFunction deploys
 * (lib/bundling.ts: CommonJS, Powertools and the X-Ray SDK bundled, @aws-sdk/* left to the runtime, the
 * files a function loads on demand beside it),
 * next to reference handlers bundled the same way: an empty one, one that only constructs the SDK
 * clients (the baseline of the target) and one that also constructs the Powertools logger, metrics and
 * tracer with their middlewares. A sample is a fresh Node.js 22 process (the Lambda runtime's major;
 * BENCH_NODE=/path/to/node overrides it) with the Lambda environment set that loads the bundle the way
 * the runtime does (`require` for CommonJS, `import` for an ES module) and checks `handler` is a
 * function: "ready" is milliseconds since the process started, "CPU" the process's user + system time
 * at that moment (steadier than wall time on a shared machine). The bundles are written under
 * node_modules/.cache, so @aws-sdk/* resolves from this repository as it resolves from the runtime on
 * Lambda. Samples are taken in rounds, one process per bundle a round, in a new random order each round
 * (BENCH_SEED repeats a run's order; BENCH_ORDER=fixed takes the bundles in their listed order, as the
 * bench did before); BENCH_SAMPLES rounds (default 31). Times are medians; a ratio to the SDK-clients-only
 * handler is the median of the per-round ratios, with a 95 % bootstrap interval (bench/stats.ts):
 * the verdict is "yes" only when the whole interval is ≤ 1.2×, "NO" when all of it is above, else "on
 * the line". BENCH_INSTRUCTIONS=n adds instruction counts at init by callgrind where valgrind runs
 * (bench/lambda-instructions.ts), BENCH_RAW=file.json writes every sample with its round and position.
 *
 * BENCH_BEFORE=/path/to/an/earlier/checkout adds that checkout's handlers, bundled with its own
 * lib/bundling.ts, to the same interleaved run (BENCH_BEFORE_NODE_OPTIONS sets their NODE_OPTIONS, e.g.
 * `--enable-source-maps` as deployed before), so a change is judged against its before in one run.
 * Target: every function ready ≤ 1.2× the SDK-clients-only handler.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { type BuildOptions, build } from 'esbuild';
import { esbuildOptions, handlerEntries, type LazyChunk, lambdaBundling, lazyChunks } from '../lib/bundling';
import { type FirstInvocationWorld, startFirstInvocationWorld } from './lambda-first';
import { countInstructions, valgrindAvailable } from './lambda-instructions';
import { median, pairedRatio, seededRandom, shuffled } from './stats';

/**
 * Rounds of one cold process per bundle. 31: at 11 the interval of a ratio spanned ± 0.1 × on a quiet
 * machine, wider than the margin to the target (docs/benchmarks.md, "Lambda cold start").
 */
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 31);
/** Seeds the order of each round and the bootstrap; printed, so a run can be repeated with BENCH_SEED. */
const SEED = Number(process.env.BENCH_SEED ?? Math.floor(Math.random() * 2 ** 31));
/** BENCH_ORDER=fixed: every round in the listed order (the bench's order before rounds were shuffled). */
const FIXED_ORDER = process.env.BENCH_ORDER === 'fixed';
/** Valgrind runs per bundle for instruction counts (BENCH_INSTRUCTIONS=n; 0 = none). */
const INSTRUCTION_RUNS = Number(process.env.BENCH_INSTRUCTIONS ?? 0);
/** Writes every sample (round, position in the round, times) to this JSON file (BENCH_RAW=file). */
const RAW_FILE = process.env.BENCH_RAW;
const BEFORE_CHECKOUT = process.env.BENCH_BEFORE;
/** Also run each sample's first invocation of the functions bench/lambda-first.ts names (BENCH_FIRST_INVOCATION=1). */
const FIRST_INVOCATION = process.env.BENCH_FIRST_INVOCATION === '1';
const READY_TARGET = 1.2;
/** The major version of the Lambda runtime the functions deploy to (lib/bundling.ts target). */
const LAMBDA_NODE_MAJOR = 22;
const repo = process.cwd();
// Inside node_modules so the bundles resolve @aws-sdk/* from this repository, as on Lambda from the runtime.
const outRoot = join(repo, 'node_modules', '.cache', 'newswatch-bench-lambda');

const BASELINE = 'sdk-clients-only';
const REFERENCES = ['empty', BASELINE, 'sdk-and-powertools'];

interface Variant {
  readonly title: string;
  readonly dir: string;
  readonly file: string;
  /** esbuild options for an entry and an output file. */
  readonly options: (entry: string, outfile: string) => BuildOptions;
  /** Variables the deployed function has on top of lambdaEnv. */
  readonly env: NodeJS.ProcessEnv;
  /** Per function, the files it loads on demand, built beside its index.js (entries from this variant's root). */
  readonly chunks: { readonly root: string; readonly byFunction: Readonly<Record<string, readonly LazyChunk[]>> };
}

const DEPLOYED: Variant = {
  title: 'Deployed bundles (lib/bundling.ts, as `npx cdk synth` builds them)',
  dir: 'deployed',
  file: lambdaBundling.outputFile,
  options: esbuildOptions,
  env: {},
  chunks: { root: process.cwd(), byFunction: lazyChunks },
};

/** Another checkout's handlers with its own bundling settings, for a before/after in one run. */
async function beforeVariant(checkout: string): Promise<{ variant: Variant; entries: Record<string, string> }> {
  const theirs = (await import(pathToFileURL(join(checkout, 'lib', 'bundling.ts')).href)) as typeof import('../lib/bundling');
  const nodeOptions = process.env.BENCH_BEFORE_NODE_OPTIONS;
  const variant: Variant = {
    title: `Same run, the handlers of ${checkout} (its lib/bundling.ts${nodeOptions ? `, NODE_OPTIONS=${nodeOptions}` : ''})`,
    dir: 'before',
    file: theirs.lambdaBundling.outputFile,
    options: theirs.esbuildOptions,
    env: nodeOptions ? { NODE_OPTIONS: nodeOptions } : {},
    // Its own files beside its index.js (a first invocation X-Ray samples requires its tracer.js); none before they existed.
    chunks: { root: checkout, byFunction: theirs.lazyChunks ?? {} },
  };
  const entries = Object.fromEntries(Object.entries(theirs.handlerEntries).map(([name, entry]) => [name, join(checkout, entry)]));
  return { variant, entries };
}

interface Bundle {
  readonly name: string;
  readonly variant: Variant;
  readonly file: string;
  readonly bytes: number;
  readonly gzipBytes: number;
  /** Minified bytes per origin (see GROUPS). */
  readonly composition: Record<string, number>;
}

/** Where the bytes of a bundle come from, by input path. */
const GROUPS: [string, RegExp][] = [
  ['zod', /node_modules\/zod\//],
  [
    'X-Ray SDK + deps',
    /node_modules\/(aws-xray-sdk-core|semver|cls-hooked|emitter-listener|shimmer|atomic-batcher|async-hook-jl|stack-chain)\//,
  ],
  ['Powertools', /node_modules\/@aws-lambda-powertools\//],
  ['middy', /node_modules\/@middy\//],
  ['newswatch code', /^functions\//],
];

function compositionOf(inputs: Record<string, { bytesInOutput: number }>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [path, { bytesInOutput }] of Object.entries(inputs)) {
    const group = GROUPS.find(([, re]) => re.test(path))?.[0] ?? 'other';
    out[group] = (out[group] ?? 0) + bytesInOutput;
  }
  return out;
}

async function bundle(name: string, entry: string, variant: Variant): Promise<Bundle> {
  const file = join(outRoot, variant.dir, name, variant.file);
  const result = await build(variant.options(entry, file));
  // The files it loads on demand, beside index.js as in the deployment package (the variant's own settings).
  for (const chunk of variant.chunks.byFunction[name] ?? [])
    await build(variant.options(join(variant.chunks.root, chunk.entry), join(dirname(file), chunk.file)));
  const output = Object.entries(result.metafile!.outputs).find(([path]) => path.endsWith(variant.file))![1];
  const bytes = statSync(file).size;
  const gzipBytes = gzipSync(readFileSync(file)).length;
  return { name, variant, file, bytes, gzipBytes, composition: compositionOf(output.inputs) };
}

/** Node.js 22 as on Lambda: this process when it is 22, else BENCH_NODE, else the `node@22` package via npx. */
function lambdaNode(): string {
  if (process.env.BENCH_NODE) return process.env.BENCH_NODE;
  if (Number(process.versions.node.split('.')[0]) === LAMBDA_NODE_MAJOR) return process.execPath;
  const args = ['--yes', '-p', `node@${LAMBDA_NODE_MAJOR}`, 'node', '-p', 'process.execPath'];
  return execFileSync('npx', args, { encoding: 'utf8' }).trim();
}

/** The environment a deployed function sees (values are placeholders; nothing is called at import). */
function lambdaEnv(name: string, dir: string, extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    ...extra,
    PATH: process.env.PATH,
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    AWS_LAMBDA_FUNCTION_NAME: `newswatch-${name}`,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
    AWS_EXECUTION_ENV: `AWS_Lambda_nodejs${LAMBDA_NODE_MAJOR}.x`,
    LAMBDA_TASK_ROOT: dir,
    AWS_XRAY_CONTEXT_MISSING: 'IGNORE_ERROR',
    TABLE_NAME: 'newswatch-bench',
    ALERT_TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:newswatch-bench',
    ALERT_DLQ_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/newswatch-bench-dlq',
    SUBSCRIPTION_DLQ_ARN: 'arn:aws:sqs:us-east-1:123456789012:newswatch-bench-subscription-dlq',
    FEED_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/newswatch-bench-feeds',
    WATCHLIST_TTL_SECONDS: '30',
    ARTICLE_RETENTION_DAYS: '365',
    MAX_BODY_BYTES: String(1024 * 1024),
    POWERTOOLS_SERVICE_NAME: 'newswatch',
    POWERTOOLS_METRICS_NAMESPACE: 'Newswatch',
  };
}

/** Starts the probe's line of figures on stdout (the functions' own log lines go there too, as on Lambda). */
const TIMES_MARK = 'newswatch-bench-times ';

/**
 * Loads the bundle as the Lambda runtime does: `import` for an ES module, `require` for CommonJS. Given
 * an event (argv[2], JSON), it then invokes the handler once and also reports the CPU time at its end.
 */
const probe = `
import { createRequire } from 'node:module';
const MARK = '${TIMES_MARK}';
const url = process.argv[1];
const t0 = performance.now();
const mod = url.endsWith('.mjs') ? await import(url) : createRequire(import.meta.url)(new URL(url).pathname);
if (typeof mod.handler !== 'function') throw new Error('no handler export');
const t1 = performance.now();
const cpu = process.cpuUsage();
const times = { readyMs: t1, importMs: t1 - t0, cpuMs: (cpu.user + cpu.system) / 1000 };
if (process.argv[2]) {
  const context = { functionName: 'bench', awsRequestId: 'bench-1', getRemainingTimeInMillis: () => 30000 };
  const result = await mod.handler(JSON.parse(process.argv[2]), context);
  const after = process.cpuUsage();
  times.firstMs = performance.now();
  times.firstCpuMs = (after.user + after.system) / 1000;
  times.result = JSON.stringify(result).slice(0, 300);
}
process.stdout.write('\\n' + MARK + JSON.stringify(times) + '\\n', () => process.exit(0));
`;

interface Times {
  readonly readyMs: number;
  readonly importMs: number;
  readonly cpuMs: number;
  /** With an event: milliseconds since the process started, and its CPU time, when the first invocation ended. */
  readonly firstMs?: number;
  readonly firstCpuMs?: number;
  readonly result?: string;
}

/** The probe's command line for a bundle: loads it, and invokes it once when there is an event. */
function probeArgs(b: Bundle, event: unknown): string[] {
  return ['--input-type=module', '-e', probe, pathToFileURL(b.file).href, ...(event === undefined ? [] : [JSON.stringify(event)])];
}

function run(node: string, b: Bundle, world: FirstInvocationWorld | undefined, event: unknown): Promise<Times> {
  const env = { ...lambdaEnv(b.name, dirname(b.file), b.variant.env), ...(event === undefined ? {} : world?.env) };
  // Asynchronous: the first invocations talk to the dynalite and feed server of this process.
  return new Promise((resolve, reject) =>
    execFile(node, probeArgs(b, event), { env, encoding: 'utf8' }, (error, stdout, stderr) =>
      error
        ? reject(new Error(`${b.name}: load failed\n${stderr}`))
        : resolve(JSON.parse(stdout.slice(stdout.lastIndexOf(TIMES_MARK) + TIMES_MARK.length)) as Times),
    ),
  );
}

const keyOf = (b: Bundle) => `${b.variant.dir}/${b.name}`;

/** Every sample of every bundle, by key; samples[i] of each bundle were taken in round i. */
interface Samples {
  readonly byKey: Map<string, Times[]>;
  /** Per round, the keys in the order they ran. */
  readonly orders: string[][];
}

async function measure(node: string, bundles: Bundle[], world: FirstInvocationWorld | undefined): Promise<Samples> {
  const byKey = new Map(bundles.map((b) => [keyOf(b), [] as Times[]]));
  const orders: string[][] = [];
  const random = seededRandom(SEED);
  let n = 0;
  const sample = async (b: Bundle) => run(node, b, world, await world?.eventFor(b.name, n++));
  for (const b of bundles) await sample(b); // warm the file-system cache once per bundle
  for (let i = 0; i < SAMPLES; i++) {
    // A new order each round: a bundle that always ran right after another (or first) would carry
    // whatever that position costs into its median, and the ratio of two fixed positions with it.
    const order = FIXED_ORDER ? bundles : shuffled(bundles, random);
    orders.push(order.map(keyOf));
    for (const b of order) byKey.get(keyOf(b))!.push(await sample(b));
  }
  for (const [key, xs] of byKey)
    if (xs[0]?.result && !/"(isAuthorized|statusCode|batchItemFailures)"/.test(xs[0].result)) throw new Error(`${key}: ${xs[0].result}`);
  return { byKey, orders };
}

type TimeField = 'readyMs' | 'importMs' | 'cpuMs' | 'firstMs' | 'firstCpuMs';
const medianOf = (xs: readonly Times[], k: TimeField) => median(xs.map((x) => x[k] ?? Number.NaN));

/** A bundle against its side's baseline: the median of the per-round ratios, with its 95 % bootstrap interval. */
interface Ratio {
  readonly ratio: number;
  readonly low: number;
  readonly high: number;
}

function ratioOf(mine: readonly Times[], baseline: readonly Times[], k: TimeField, random: () => number): Ratio {
  return pairedRatio(
    mine.map((x) => x[k] ?? Number.NaN),
    baseline.map((x) => x[k] ?? Number.NaN),
    random,
  );
}

const ratioText = (r: Ratio) => `${r.ratio.toFixed(2)}× (${r.low.toFixed(2)}–${r.high.toFixed(2)})`;

/** "yes" when the whole interval is within the target, "NO" when all of it is above, else "on the line". */
function verdict(r: Ratio): string {
  if (r.high <= READY_TARGET) return 'yes';
  return r.low > READY_TARGET ? 'NO' : 'on the line';
}

const SDK_ONLY_HANDLER = `
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SNSClient } from '@aws-sdk/client-sns';
const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const sns = new SNSClient({});
export const handler = async () => ({ db: typeof db, sns: typeof sns });
`;

/** What every function pays before any of our code: the SDK clients plus the Powertools utilities. */
const SDK_AND_POWERTOOLS_HANDLER = `
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SNSClient } from '@aws-sdk/client-sns';
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
const tracer = new Tracer();
const logger = new Logger();
const metrics = new Metrics();
const db = DynamoDBDocumentClient.from(tracer.captureAWSv3Client(new DynamoDBClient({})));
const sns = tracer.captureAWSv3Client(new SNSClient({}));
const middlewares = [injectLambdaContext(logger), captureLambdaHandler(tracer), logMetrics(metrics)];
export const handler = async () => ({ db: typeof db, sns: typeof sns, n: middlewares.length });
`;

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const ms = (n: number) => `${n.toFixed(1)} ms`;

function report(variant: Variant, bundles: Bundle[], samples: Samples, random: () => number): void {
  const mine = bundles.filter((b) => b.variant === variant);
  const at = (b: Bundle) => samples.byKey.get(keyOf(b))!;
  const baseline = at(mine.find((b) => b.name === BASELINE)!);
  console.log(`\n${variant.title}`);
  console.log(
    `| bundle | size | gzip | ready (median) | × SDK clients only, per round (95 % interval) | CPU (median) | CPU × SDK clients only (95 %) | import only | ready ≤ ${READY_TARGET}× |`,
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|:-:|');
  for (const b of mine) {
    const xs = at(b);
    const ready = ratioOf(xs, baseline, 'readyMs', random);
    const cpu = ratioOf(xs, baseline, 'cpuMs', random);
    const mark = REFERENCES.includes(b.name) ? '–' : verdict(ready);
    console.log(
      `| ${b.name} | ${kb(b.bytes)} | ${kb(b.gzipBytes)} | ${ms(medianOf(xs, 'readyMs'))} | ${ratioText(ready)} | ${ms(medianOf(xs, 'cpuMs'))} | ${ratioText(cpu)} | ${ms(medianOf(xs, 'importMs'))} | ${mark} |`,
    );
  }
}

/** Each bundle of this code against the same bundle of the BENCH_BEFORE checkout, paired by round. */
function reportAgainstBefore(before: Variant, bundles: Bundle[], samples: Samples, random: () => number): void {
  const theirs = new Map(bundles.filter((b) => b.variant === before).map((b) => [b.name, samples.byKey.get(keyOf(b))!]));
  console.log('\nThis code ÷ the same bundle of the before checkout, same rounds (median ratio, 95 % interval)');
  console.log('| bundle | ready | CPU |');
  console.log('|---|---:|---:|');
  for (const b of bundles.filter((x) => x.variant === DEPLOYED && theirs.has(x.name))) {
    const xs = samples.byKey.get(keyOf(b))!;
    const ys = theirs.get(b.name)!;
    console.log(`| ${b.name} | ${ratioText(ratioOf(xs, ys, 'readyMs', random))} | ${ratioText(ratioOf(xs, ys, 'cpuMs', random))} |`);
  }
}

/** Init plus the first invocation, for the functions that ran one (BENCH_FIRST_INVOCATION=1). */
function reportFirstInvocation(variants: Variant[], bundles: Bundle[], samples: Samples): void {
  console.log('\nInit + first invocation (X-Ray sampled; dynalite and the feed server in the bench process), medians');
  console.log('| function | variant | ready | CPU at ready | first invocation ends | CPU at its end | its answer |');
  console.log('|---|---|---:|---:|---:|---:|---|');
  for (const b of bundles) {
    const xs = samples.byKey.get(keyOf(b))!;
    if (!variants.includes(b.variant) || Number.isNaN(medianOf(xs, 'firstCpuMs'))) continue;
    const answer = (xs[0]?.result ?? '').replace(/\|/g, '/').slice(0, 80);
    const at = (k: TimeField) => ms(medianOf(xs, k));
    console.log(
      `| ${b.name} | ${b.variant.dir} | ${at('readyMs')} | ${at('cpuMs')} | ${at('firstMs')} | ${at('firstCpuMs')} | ${answer} |`,
    );
  }
}

function reportComposition(bundles: Bundle[]): void {
  const groups = [...GROUPS.map(([g]) => g), 'other'];
  console.log('\nWhere the deployed bytes come from (KB in the bundle)');
  console.log(`| bundle | ${groups.join(' | ')} |`);
  console.log(`|---|${groups.map(() => '---:').join('|')}|`);
  for (const b of bundles) console.log(`| ${b.name} | ${groups.map((g) => ((b.composition[g] ?? 0) / 1024).toFixed(1)).join(' | ')} |`);
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

async function main(): Promise<void> {
  rmSync(outRoot, { recursive: true, force: true });
  mkdirSync(outRoot, { recursive: true });
  const write = (file: string, source: string) => {
    writeFileSync(join(outRoot, file), source);
    return join(outRoot, file);
  };
  const entries: [string, string][] = [
    ['empty', write('empty-handler.ts', 'export const handler = async () => ({});\n')],
    [BASELINE, write('sdk-only-handler.ts', SDK_ONLY_HANDLER)],
    ['sdk-and-powertools', write('sdk-and-powertools-handler.ts', SDK_AND_POWERTOOLS_HANDLER)],
    ...Object.entries(handlerEntries),
  ];
  const bundles: Bundle[] = [];
  for (const [name, entry] of entries) bundles.push(await bundle(name, entry, DEPLOYED));
  const variants = [DEPLOYED];
  if (BEFORE_CHECKOUT) {
    const before = await beforeVariant(BEFORE_CHECKOUT);
    variants.push(before.variant);
    const references = entries.filter(([name]) => REFERENCES.includes(name));
    for (const [name, entry] of [...references, ...Object.entries(before.entries)]) bundles.push(await bundle(name, entry, before.variant));
  }

  const node = lambdaNode();
  const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
  const loadBefore = load();
  const loadAtStart = loadavg()[0]!;
  // One interleaved series for every bundle, so the machine's load drifts over all of them alike.
  const world = FIRST_INVOCATION ? await startFirstInvocationWorld() : undefined;
  const samples = await measure(node, bundles, world).finally(() => world?.close());
  const order = FIXED_ORDER ? 'in the listed order' : `in a random order each round (BENCH_SEED=${SEED})`;
  console.log(
    `node ${version}, ${SAMPLES} rounds of one cold process per bundle, ${order}; medians; ratios are medians of per-round ratios with 95 % bootstrap intervals; load average ${loadBefore} before, ${load()} after`,
  );
  if (Math.max(loadavg()[0]!, loadAtStart) > cpus().length)
    console.log(
      `The machine was loaded (1-minute load average above its ${cpus().length} cores): wall-clock "ready" ratios swing by ± 0.1–0.3 × between two runs of the same code at such load; the CPU ratios and instruction counts (BENCH_INSTRUCTIONS) are the steadier measure.`,
    );
  const random = seededRandom(SEED);
  for (const variant of variants) report(variant, bundles, samples, random);
  if (variants[1]) reportAgainstBefore(variants[1], bundles, samples, random);
  if (FIRST_INVOCATION) reportFirstInvocation(variants, bundles, samples);
  if (INSTRUCTION_RUNS > 0) await instructions(node, bundles, variants);
  reportComposition(bundles.filter((b) => b.variant === DEPLOYED && b.name in handlerEntries));
  if (RAW_FILE)
    writeFileSync(
      RAW_FILE,
      JSON.stringify({ seed: SEED, node: version, orders: samples.orders, samples: Object.fromEntries(samples.byKey) }),
    );
}

/** Instructions at init by callgrind (BENCH_INSTRUCTIONS=n runs per bundle), each against its side's baseline. */
async function instructions(node: string, bundles: Bundle[], variants: Variant[]): Promise<void> {
  if (!valgrindAvailable()) {
    console.log('\nInstruction counts: skipped, valgrind is not installed');
    return;
  }
  const counts = new Map<string, number[]>();
  const loadBefore = load();
  for (let i = 0; i < INSTRUCTION_RUNS; i++)
    for (const b of bundles)
      counts.set(keyOf(b), [
        ...(counts.get(keyOf(b)) ?? []),
        await countInstructions(node, probeArgs(b, undefined), lambdaEnv(b.name, dirname(b.file), b.variant.env)),
      ]);
  const millions = (n: number) => (n / 1e6).toFixed(1);
  console.log(
    `\nInstructions at init (callgrind, node --predictable, ${INSTRUCTION_RUNS} runs per bundle; load average ${loadBefore} before, ${load()} after)`,
  );
  for (const variant of variants) {
    const mine = bundles.filter((b) => b.variant === variant);
    const baseline = median(counts.get(keyOf(mine.find((b) => b.name === BASELINE)!))!);
    console.log(`\n${variant.title}`);
    console.log(`| bundle | instructions (median, M) | × SDK clients only | runs (min–max, M) | ≤ ${READY_TARGET}× |`);
    console.log('|---|---:|---:|---:|:-:|');
    for (const b of mine) {
      const xs = counts.get(keyOf(b))!;
      const ratio = median(xs) / baseline;
      const mark = REFERENCES.includes(b.name) ? '–' : ratio <= READY_TARGET ? 'yes' : 'NO';
      console.log(
        `| ${b.name} | ${millions(median(xs))} | ${ratio.toFixed(3)}× | ${millions(Math.min(...xs))}–${millions(Math.max(...xs))} | ${mark} |`,
      );
    }
  }
}

await main();
