/**
 * npm run bench:lambda — the bundle budget of the four Lambda functions.
 *
 * Each handler is bundled with exactly the esbuild settings the CDK ProjectFunction deploys
 * (lib/bundling.ts), next to an empty handler bundled the same way. For each bundle it reports the
 * minified size and the cold "import to handler ready" time: a fresh `node` process per sample, with
 * the Lambda environment set, imports the bundle and checks `handler` is a function. Samples are
 * interleaved across bundles and the median is reported, both as time since process start (what a
 * cold start pays, node's own boot included) and as the import alone.
 *
 * A second, informational build strips zod's bundled error-message translations (see the report)
 * to show what that single change would buy. Targets: ≤ 150 KB per bundle, ready ≤ 2× empty.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { handlerEntries, lambdaBundling } from '../lib/bundling';

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 11);
const SIZE_BUDGET = 150 * 1024;
const READY_BUDGET = 2;
// Inside node_modules so the bundles resolve the externalised @aws-sdk/* from this repository, as
// they resolve the runtime's copy on Lambda.
const outRoot = join(process.cwd(), 'node_modules', '.cache', 'newswatch-bench-lambda');

/** lib/bundling.ts as esbuild options: the same settings NodejsFunction passes to the esbuild CLI. */
function esbuildOptions(entry: string, outfile: string, plugins: Plugin[] = []): BuildOptions {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: lambdaBundling.format,
    platform: lambdaBundling.platform,
    target: lambdaBundling.target,
    minify: lambdaBundling.minify,
    sourcemap: lambdaBundling.sourcemap,
    sourcesContent: lambdaBundling.sourcesContent,
    mainFields: [...lambdaBundling.mainFields],
    external: [...lambdaBundling.externalModules],
    banner: { js: lambdaBundling.banner },
    logLevel: 'error',
    metafile: true,
    plugins,
  };
}

/** Experiment only: replaces zod's locale index (≈ 50 languages) with English alone. */
const englishOnlyZod: Plugin = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${'node_modules'}/zod/`) ? { path: 'zod-locales-en', namespace: 'zod-locales' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, () => ({
      contents: `export { default as en } from ${JSON.stringify(join(process.cwd(), 'node_modules/zod/v4/locales/en.js'))};`,
      loader: 'js',
      resolveDir: process.cwd(),
    }));
  },
};

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
  ['X-Ray SDK + deps', /node_modules\/(aws-xray-sdk-core|semver|cls-hooked|emitter-listener|shimmer|atomic-batcher|async-hook-jl|stack-chain)\//],
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

async function bundle(name: string, entry: string, variant: string, plugins: Plugin[] = []): Promise<Bundle> {
  const file = join(outRoot, variant, name, 'index.mjs');
  const result = await build(esbuildOptions(entry, file, plugins));
  const output = Object.entries(result.metafile!.outputs).find(([path]) => path.endsWith('.mjs'))![1];
  return { name, file, bytes: statSync(file).size, gzipBytes: gzipSync(readFileSync(file)).length, composition: compositionOf(output.inputs) };
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

function sample(b: Bundle): { readyMs: number; importMs: number } {
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', probe, pathToFileURL(b.file).href], {
    env: lambdaEnv(b.name, join(b.file, '..')),
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`${b.name}: import failed\n${run.stderr}`);
  return JSON.parse(run.stdout);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

function measure(bundles: Bundle[]): Map<string, { readyMs: number; importMs: number }> {
  const runs = new Map(bundles.map((b) => [b.name, [] as { readyMs: number; importMs: number }[]]));
  sample(bundles[0]!); // warm the file-system cache once
  for (let i = 0; i < SAMPLES; i++) for (const b of bundles) runs.get(b.name)!.push(sample(b));
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

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const ms = (n: number) => `${n.toFixed(1)} ms`;

function report(title: string, bundles: Bundle[], times: Map<string, { readyMs: number; importMs: number }>): void {
  const empty = times.get('empty')!;
  console.log(`\n${title}`);
  console.log('| bundle | minified | gzip | ready (median) | × empty | import only | size ≤ 150 KB | ready ≤ 2× |');
  console.log('|---|---:|---:|---:|---:|---:|:-:|:-:|');
  for (const b of bundles) {
    const t = times.get(b.name)!;
    const ratio = t.readyMs / empty.readyMs;
    const reference = b.name === 'empty' || b.name === 'sdk-clients-only';
    const sizeOk = reference || b.bytes <= SIZE_BUDGET;
    const readyOk = reference || ratio <= READY_BUDGET;
    console.log(
      `| ${b.name} | ${kb(b.bytes)} | ${kb(b.gzipBytes)} | ${ms(t.readyMs)} | ${ratio.toFixed(2)}× | ${ms(t.importMs)} | ${sizeOk ? 'yes' : 'NO'} | ${readyOk ? 'yes' : 'NO'} |`,
    );
  }
}

function reportComposition(bundles: Bundle[]): void {
  const groups = [...GROUPS.map(([g]) => g), 'other'];
  console.log('\nWhere the bytes come from (minified KB)');
  console.log(`| bundle | ${groups.join(' | ')} |`);
  console.log(`|---|${groups.map(() => '---:').join('|')}|`);
  for (const b of bundles) console.log(`| ${b.name} | ${groups.map((g) => ((b.composition[g] ?? 0) / 1024).toFixed(1)).join(' | ')} |`);
}

async function main(): Promise<void> {
  rmSync(outRoot, { recursive: true, force: true });
  mkdirSync(outRoot, { recursive: true });
  const emptyEntry = join(outRoot, 'empty-handler.ts');
  writeFileSync(emptyEntry, 'export const handler = async () => ({});\n');
  // What the handlers pay for the AWS SDK alone (provided by the runtime, so not in any bundle).
  const sdkEntry = join(outRoot, 'sdk-only-handler.ts');
  writeFileSync(sdkEntry, SDK_ONLY_HANDLER);
  const entries: [string, string][] = [['empty', emptyEntry], ['sdk-clients-only', sdkEntry], ...Object.entries(handlerEntries)];

  const deployed: Bundle[] = [];
  for (const [name, entry] of entries) deployed.push(await bundle(name, entry, 'deployed'));
  const experiment: Bundle[] = [];
  for (const [name, entry] of entries) experiment.push(await bundle(name, entry, 'zod-english-only', [englishOnlyZod]));

  console.log(`node ${process.version}, ${SAMPLES} cold processes per bundle, interleaved; median`);
  report('Deployed bundles (lib/bundling.ts, as `npx cdk synth` builds them)', deployed, measure(deployed));
  reportComposition(deployed.filter((b) => b.name in handlerEntries));
  report('Experiment: the same with zod locales reduced to English (not deployed)', experiment, measure(experiment));

  const failures = deployed.filter((b) => b.name in handlerEntries && b.bytes > SIZE_BUDGET).map((b) => b.name);
  if (failures.length > 0) console.log(`\nOver the ${kb(SIZE_BUDGET)} size budget: ${failures.join(', ')} (see docs/benchmarks.md)`);
}

await main();
