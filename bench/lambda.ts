/**
 * npm run bench:lambda — the bundle budget of the four Lambda functions.
 *
 * Each handler is bundled with exactly the esbuild settings the CDK ProjectFunction deploys
 * (lib/bundling.ts: @aws-sdk/* left to the runtime, Powertools and the X-Ray SDK left to the
 * Powertools layer), next to reference handlers bundled the same way: an empty one, one that only
 * constructs the SDK clients, and one that constructs the SDK clients and the Powertools
 * logger/metrics/tracer. For each bundle it reports the deployed size, the layer code it loads at cold
 * start (files read from the layer, measured by tracing a real import), and the cold "import to handler
 * ready" time: a fresh `node` process per sample, with the Lambda environment set, imports the bundle
 * and checks `handler` is a function. The externals resolve from this repository's node_modules (the
 * bundles are written below it), as on Lambda they resolve from the runtime and /opt/nodejs/node_modules,
 * so every ready time includes loading Powertools. Samples are interleaved, the median is reported.
 *
 * A second build with Powertools bundled (the set-up before the layer) runs in the same session, for
 * comparison. Targets: ≤ 150 KB per bundle, ready ≤ 2× empty.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type BuildOptions } from 'esbuild';
import { esbuildOptions, handlerEntries, lambdaBundling } from '../lib/bundling';

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 11);
const SIZE_BUDGET = 150 * 1024;
const READY_BUDGET = 2;
const repo = process.cwd();
// Inside node_modules so the bundles resolve their externals from this repository, as they resolve the
// runtime's SDK and the layer's Powertools on Lambda.
const outRoot = join(repo, 'node_modules', '.cache', 'newswatch-bench-lambda');

const REFERENCES = ['empty', 'sdk-clients-only', 'sdk-and-powertools'];

interface Bundle {
  readonly name: string;
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

async function bundle(name: string, entry: string, variant: string, tweak: (o: BuildOptions) => BuildOptions): Promise<Bundle> {
  const file = join(outRoot, variant, name, 'index.mjs');
  const result = await build(tweak(esbuildOptions(entry, file)));
  const output = Object.entries(result.metafile!.outputs).find(([path]) => path.endsWith('.mjs'))![1];
  return {
    name,
    file,
    bytes: statSync(file).size,
    gzipBytes: gzipSync(readFileSync(file)).length,
    composition: compositionOf(output.inputs),
  };
}

/** The environment a deployed function sees (values are placeholders; nothing is called at import). */
function lambdaEnv(name: string, dir: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    AWS_LAMBDA_FUNCTION_NAME: `newswatch-${name}`,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
    LAMBDA_TASK_ROOT: dir,
    AWS_XRAY_CONTEXT_MISSING: 'IGNORE_ERROR',
    TABLE_NAME: 'newswatch-bench',
    ALERT_TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:newswatch-bench',
    WATCHLIST_TTL_SECONDS: '30',
    ARTICLE_RETENTION_DAYS: '365',
    MAX_BODY_BYTES: String(1024 * 1024),
    POWERTOOLS_SERVICE_NAME: 'newswatch',
    POWERTOOLS_METRICS_NAMESPACE: 'Newswatch',
    NODE_OPTIONS: '--enable-source-maps',
  };
}

const probe = `
const t0 = performance.now();
const mod = await import(process.argv[1]);
if (typeof mod.handler !== 'function') throw new Error('no handler export');
const t1 = performance.now();
process.stdout.write(JSON.stringify({ readyMs: t1, importMs: t1 - t0 }));
`;

/**
 * The same import, untimed, recording every file Node loads: ES modules through a load hook (it runs
 * on the hooks thread and reports back over a port), CommonJS modules from the require cache.
 */
const tracingProbe = `
import { createRequire, register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';
const hooks = 'let port; export function initialize(d) { port = d.port; }' +
  'export async function load(url, context, next) { port.postMessage(url); return next(url, context); }';
const { port1, port2 } = new MessageChannel();
const urls = new Set();
port1.on('message', (url) => urls.add(url));
register('data:text/javascript,' + encodeURIComponent(hooks), import.meta.url, { data: { port: port2 }, transferList: [port2] });
await import(process.argv[1]);
await new Promise((resolve) => setTimeout(resolve, 200));
port1.close();
const files = [...urls].filter((u) => u.startsWith('file:')).map((u) => new URL(u).pathname);
files.push(...Object.keys(createRequire(import.meta.url).cache));
process.stdout.write(JSON.stringify([...new Set(files)]));
`;

function run<T>(b: Bundle, script: string): T {
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script, pathToFileURL(b.file).href], {
    env: lambdaEnv(b.name, dirname(b.file)),
    encoding: 'utf8',
  });
  if (child.status !== 0) throw new Error(`${b.name}: import failed\n${child.stderr}`);
  return JSON.parse(child.stdout) as T;
}

/**
 * The package directories the Powertools layer ships: every @aws-lambda-powertools package and its
 * dependencies, resolved the way Node resolves them (nested node_modules first). @aws-sdk/* is left
 * out: the runtime provides it.
 */
function layerPackageDirs(): string[] {
  const top = realpathSync(join(repo, 'node_modules'));
  const dirs = new Set<string>();
  const visit = (dir: string): void => {
    const real = realpathSync(dir);
    if (dirs.has(real)) return;
    dirs.add(real);
    const deps = Object.keys(JSON.parse(readFileSync(join(real, 'package.json'), 'utf8')).dependencies ?? {});
    for (const dep of deps.filter((d) => !d.startsWith('@aws-sdk/') && !d.startsWith('@types/'))) {
      let from = real;
      let found: string | undefined;
      while (!found && from.startsWith(dirname(top))) {
        const candidate = join(from, 'node_modules', dep);
        if (existsSync(join(candidate, 'package.json'))) found = candidate;
        from = dirname(from);
      }
      if (found) visit(found);
    }
  };
  for (const name of readdirSync(join(top, '@aws-lambda-powertools'))) visit(join(top, '@aws-lambda-powertools', name));
  return [...dirs];
}

interface LayerLoad {
  readonly bytes: number;
  readonly files: number;
}

/**
 * Bytes on disk of the layer files a bundle loads before its handler is ready. Files the SDK-only
 * handler loads too (the SDK shares @aws/lambda-invoke-store with Powertools) are not counted: on
 * Lambda the runtime's SDK brings its own.
 */
function layerLoad(b: Bundle, layerDirs: string[], sdkFiles: Set<string>): LayerLoad {
  const files = run<string[]>(b, tracingProbe).filter((f) => layerDirs.some((d) => f.startsWith(d + sep)) && !sdkFiles.has(f));
  return { bytes: files.reduce((sum, f) => sum + statSync(f).size, 0), files: files.length };
}

interface Times {
  readonly readyMs: number;
  readonly importMs: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

function measure(bundles: Bundle[]): Map<string, Times> {
  const runs = new Map(bundles.map((b) => [b.name, [] as Times[]]));
  for (const b of bundles) run<Times>(b, probe); // warm the file-system cache once per bundle
  for (let i = 0; i < SAMPLES; i++) for (const b of bundles) runs.get(b.name)!.push(run<Times>(b, probe));
  return new Map(
    [...runs].map(([name, xs]) => [name, { readyMs: median(xs.map((x) => x.readyMs)), importMs: median(xs.map((x) => x.importMs)) }]),
  );
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

function report(title: string, bundles: Bundle[], times: Map<string, Times>, layer?: Map<string, LayerLoad>): void {
  const empty = times.get('empty')!;
  const sdk = times.get('sdk-clients-only')!;
  console.log(`\n${title}`);
  const layerHead = layer ? ' layer code loaded |' : '';
  console.log(
    `| bundle | minified | gzip |${layerHead} ready (median) | × empty | × SDK clients only | import only | size ≤ 150 KB | ready ≤ 2× empty |`,
  );
  console.log(`|---|---:|---:|${layer ? '---:|' : ''}---:|---:|---:|---:|:-:|:-:|`);
  for (const b of bundles) {
    const t = times.get(b.name)!;
    const ratio = t.readyMs / empty.readyMs;
    const reference = REFERENCES.includes(b.name.replace(' (bundled)', ''));
    const mark = (ok: boolean) => (reference ? '–' : ok ? 'yes' : 'NO');
    const l = layer?.get(b.name);
    const layerCell = layer ? ` ${l && l.files > 0 ? `${kb(l.bytes)} (${l.files} files)` : '—'} |` : '';
    console.log(
      `| ${b.name} | ${kb(b.bytes)} | ${kb(b.gzipBytes)} |${layerCell} ${ms(t.readyMs)} | ${ratio.toFixed(2)}× | ${(t.readyMs / sdk.readyMs).toFixed(2)}× | ${ms(t.importMs)} | ${mark(b.bytes <= SIZE_BUDGET)} | ${mark(ratio <= READY_BUDGET)} |`,
    );
  }
}

function reportComposition(title: string, bundles: Bundle[]): void {
  const groups = [...GROUPS.map(([g]) => g), 'other'];
  console.log(`\n${title}`);
  console.log(`| bundle | ${groups.join(' | ')} |`);
  console.log(`|---|${groups.map(() => '---:').join('|')}|`);
  for (const b of bundles) console.log(`| ${b.name} | ${groups.map((g) => ((b.composition[g] ?? 0) / 1024).toFixed(1)).join(' | ')} |`);
}

async function main(): Promise<void> {
  rmSync(outRoot, { recursive: true, force: true });
  mkdirSync(outRoot, { recursive: true });
  const write = (file: string, source: string) => {
    writeFileSync(join(outRoot, file), source);
    return join(outRoot, file);
  };
  const entries: [string, string][] = [
    ['empty', write('empty-handler.ts', 'export const handler = async () => ({});\n')],
    ['sdk-clients-only', write('sdk-only-handler.ts', SDK_ONLY_HANDLER)],
    ['sdk-and-powertools', write('sdk-and-powertools-handler.ts', SDK_AND_POWERTOOLS_HANDLER)],
    ...Object.entries(handlerEntries),
  ];

  const deployed: Bundle[] = [];
  for (const [name, entry] of entries) deployed.push(await bundle(name, entry, 'deployed', (o) => o));
  // The set-up before the layer: only the AWS SDK external, Powertools and the X-Ray SDK bundled.
  // The empty and SDK-only handlers do not change, so only the others are built again.
  // The X-Ray SDK is CommonJS and require()s Node built-ins, so that set-up also needs a require shim.
  const sdkExternalOnly = (o: BuildOptions): BuildOptions => ({
    ...o,
    external: lambdaBundling.externalModules.filter((m) => m.startsWith('@aws-sdk/')),
    banner: { js: "import{createRequire as __nwCreateRequire}from'node:module';const require=__nwCreateRequire(import.meta.url);" },
  });
  const bundled: Bundle[] = [];
  for (const [name, entry] of entries.slice(2)) bundled.push(await bundle(name, entry, 'powertools-bundled', sdkExternalOnly));
  const asBundled = (b: Bundle): Bundle => ({ ...b, name: `${b.name} (bundled)` });

  const layerDirs = layerPackageDirs();
  const sdkFiles = new Set(run<string[]>(deployed[1]!, tracingProbe));
  const layer = new Map(deployed.map((b) => [b.name, layerLoad(b, layerDirs, sdkFiles)]));

  // One interleaved series for both set-ups, so the machine's load drifts over all of them alike.
  const times = measure([...deployed, ...bundled.map(asBundled)]);
  console.log(
    `node ${process.version}, ${SAMPLES} cold processes per bundle, interleaved; median; load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  report('Deployed bundles (lib/bundling.ts, as `npx cdk synth` builds them; Powertools from the layer)', deployed, times, layer);
  reportComposition(
    'Where the deployed bytes come from (minified KB)',
    deployed.filter((b) => b.name in handlerEntries),
  );
  report(
    'Comparison, same run: Powertools and the X-Ray SDK bundled instead (the set-up before the layer; not deployed)',
    [...deployed.slice(0, 2), ...bundled.map(asBundled)],
    times,
  );

  const failures = deployed.filter((b) => b.name in handlerEntries && b.bytes > SIZE_BUDGET).map((b) => b.name);
  if (failures.length > 0) console.log(`\nOver the ${kb(SIZE_BUDGET)} size budget: ${failures.join(', ')} (see docs/benchmarks.md)`);
}

await main();
