import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { build, type Metafile } from 'esbuild';
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { esbuildOptions, handlerEntries, type LazyChunk, lambdaBundling, lazyChunks, optionalModules } from '../../lib/bundling';
import { ProjectFunction } from '../../lib/constructs/project-function';

const repo = process.cwd();

describe('the bundle the benchmark measures', () => {
  it('is byte for byte the bundle the CDK ProjectFunction deploys', async () => {
    // Prepare: one function, bundled for real by NodejsFunction (the esbuild CLI) into a scratch cloud assembly
    const outdir = mkdtempSync(join(tmpdir(), 'newswatch-bundle-'));
    onTestFinished(() => rmSync(outdir, { recursive: true, force: true }));
    const app = new App({ outdir });
    new ProjectFunction(new Stack(app, 'BundleCheck'), 'Ingest', {
      handler: 'ingest',
      environment: {},
      logRetention: RetentionDays.ONE_DAY,
    });
    // Act
    const assembly = app.synth();
    const [asset] = readdirSync(assembly.directory).filter((d) => d.startsWith('asset.'));
    const deployed = readFileSync(join(assembly.directory, asset!, lambdaBundling.outputFile));
    const options = esbuildOptions(join(repo, handlerEntries.ingest), join(repo, 'cdk.out', 'bundle-check', lambdaBundling.outputFile));
    const measured = (await build({ ...options, write: false })).outputFiles!.find((f) =>
      f.path.endsWith(lambdaBundling.outputFile),
    )!.contents;
    // Assess: same bytes, so every lib/bundling.ts setting reached esbuild through CDK too
    expect(Buffer.from(measured).equals(deployed)).toBe(true);
  }, 120_000); // a real esbuild run through the CDK: seconds alone, far more on a loaded machine
});

/**
 * A function's index.js and one of its chunks, built side by side as deployed, under node_modules so
 * that @aws-sdk/* resolves from this repository as on Lambda from the runtime.
 */
async function buildBesideChunk(handler: keyof typeof handlerEntries, chunk: LazyChunk) {
  mkdirSync(join(repo, 'node_modules', '.cache'), { recursive: true });
  const dir = mkdtempSync(join(repo, 'node_modules', '.cache', `newswatch-${handler}-chunk-`));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const main = await build(esbuildOptions(join(repo, handlerEntries[handler]), join(dir, lambdaBundling.outputFile)));
  await build(esbuildOptions(join(repo, chunk.entry), join(dir, chunk.file)));
  return {
    chunkFile: join(dir, chunk.file),
    inputs: Object.keys(Object.values(main.metafile!.outputs).find((o) => o.entryPoint)!.inputs),
    indexJs: readFileSync(join(dir, lambdaBundling.outputFile), 'utf8'),
  };
}

describe('the files a function loads on demand', () => {
  const [chunk] = lazyChunks.api!;

  it("are in the API's deployment package, byte for byte what the benchmark measures", async () => {
    const outdir = mkdtempSync(join(tmpdir(), 'newswatch-chunk-'));
    onTestFinished(() => rmSync(outdir, { recursive: true, force: true }));
    const app = new App({ outdir });
    new ProjectFunction(new Stack(app, 'ChunkCheck'), 'Api', { handler: 'api', environment: {}, logRetention: RetentionDays.ONE_DAY });
    const assembly = app.synth();
    const [asset] = readdirSync(assembly.directory).filter((d) => d.startsWith('asset.'));
    const deployed = readFileSync(join(assembly.directory, asset!, chunk!.file));
    const options = esbuildOptions(join(repo, chunk!.entry), join(repo, 'cdk.out', 'chunk-check', chunk!.file));
    const measured = (await build({ ...options, write: false })).outputFiles!.find((f) => f.path.endsWith(chunk!.file))!.contents;
    expect(Buffer.from(measured).equals(deployed)).toBe(true);
  }, 120_000); // two real esbuild runs through the CDK

  it("keep the feed-polling code out of the API's index.js, which loads it from the file beside it", async () => {
    const { chunkFile, inputs, indexJs } = await buildBesideChunk('api', chunk!);
    expect(inputs.filter((p) => /node_modules\/(feedsmith|linkedom|@mozilla\/readability)\/|feeds\/parse-feed/.test(p))).toEqual([]);
    expect(indexJs).toContain(`"./${chunk!.file}"`);
    // The chunk loads on its own, as the API's `require` does on the first poll.
    const loaded = execFileSync(process.execPath, ['-e', `process.stdout.write(typeof require(${JSON.stringify(chunkFile)}).pollAllNow)`], {
      encoding: 'utf8',
    });
    expect(loaded).toBe('function');
  }, 60_000);
});

describe("the feed poller's full-text file", () => {
  const [chunk] = lazyChunks.feedPoller!;

  it('holds Readability and linkedom, which the poller loads with the first page instead of at every cold start', async () => {
    const { chunkFile, inputs, indexJs } = await buildBesideChunk('feedPoller', chunk!);
    expect(inputs.filter((p) => /node_modules\/(linkedom|@mozilla\/readability|cssom\w*)\//.test(p))).toEqual([]);
    expect(inputs.some((p) => p.includes('node_modules/feedsmith/'))).toBe(true);
    expect(indexJs).toContain(`"./${chunk!.file}"`);
    const loaded = execFileSync(
      process.execPath,
      [
        '-e',
        `process.stdout.write(String(require(${JSON.stringify(chunkFile)}).extractArticleText('<html><body><article><p>${'Viktor Bout was freed. '.repeat(20)}</p></article></body></html>', 'https://example.com/a')))`,
      ],
      { encoding: 'utf8' },
    );
    expect(loaded).toContain('Viktor Bout was freed.');
  }, 60_000);

  it("is also beside the API's index.js, whose feed-polling file loads it", () => {
    expect(lazyChunks.api).toContainEqual(chunk);
  });
});

describe('Lambda bundles', () => {
  type Built = { name: string; metafile: Metafile };
  let bundles: Built[];
  beforeAll(async () => {
    // Built in memory with the settings the CDK ProjectFunction deploys (lib/bundling.ts).
    bundles = await Promise.all(
      Object.entries(handlerEntries).map(async ([name, entry]) => {
        const options = esbuildOptions(join(repo, entry), join(repo, 'cdk.out', 'bundle-check', name, lambdaBundling.outputFile));
        return { name, metafile: (await build({ ...options, write: false })).metafile! };
      }),
    );
  });
  const powertoolsInputs = (metafile: Metafile) => Object.keys(metafile.inputs).filter((p) => p.includes('/@aws-lambda-powertools/'));

  it('bundles Powertools, one copy of each of its packages (no second commons)', () => {
    for (const { name, metafile } of bundles) {
      const inputs = powertoolsInputs(metafile);
      expect(inputs.length, name).toBeGreaterThan(0);
      const nested = inputs.filter((p) => !p.startsWith('node_modules/@aws-lambda-powertools/') || p.includes('/node_modules/', 1));
      expect(nested, name).toEqual([]);
    }
  });

  it('keeps the X-Ray SDK out of every cold start: the tracer is reached only through a dynamic import', () => {
    for (const { name, metafile } of bundles) {
      const entry = Object.values(metafile.outputs).find((o) => o.entryPoint)!.entryPoint!;
      const atInit = new Set([entry]);
      for (const path of atInit)
        for (const i of metafile.inputs[path]?.imports ?? []) if (i.kind !== 'dynamic-import' && !i.external) atInit.add(i.path);
      const xray = Object.keys(metafile.inputs).filter((p) => p.includes('node_modules/aws-xray-sdk-core/'));
      expect(xray.length, name).toBeGreaterThan(0);
      expect(
        [...atInit].filter(
          (p) => p.includes('node_modules/aws-xray-sdk-core/') || p.includes('/@aws-lambda-powertools/tracer/lib/esm/Tracer'),
        ),
        name,
      ).toEqual([]);
    }
  });

  it("bundles zod's mini API and its English messages, not the classic API or the other locales", () => {
    for (const { name, metafile } of bundles) {
      // What reaches the output (esbuild also lists the files it read and then shook out entirely).
      const output = Object.values(metafile.outputs).find((o) => o.entryPoint)!;
      const zod = Object.keys(output.inputs).filter((p) => p.includes('node_modules/zod/'));
      expect(
        zod.some((p) => p.includes('/zod/v4/mini/')),
        name,
      ).toBe(true);
      // (locales/index.js may appear as an empty module-init wrapper where esbuild wraps modules for lazy loading)
      const otherLocales = zod.filter((p) => p.includes('/zod/v4/locales/') && !/\/(en|index)\.js$/.test(p));
      expect([...zod.filter((p) => p.includes('/zod/v4/classic/')), ...otherLocales], name).toEqual([]);
    }
  });

  it('leaves out only Node built-ins, the AWS SDK the Lambda runtime provides and optional packages with a fallback', () => {
    const builtins = new Set(builtinModules);
    for (const { name, metafile } of bundles) {
      const outputs = Object.values(metafile.outputs);
      const externals = outputs.flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path));
      const expected = (p: string) => p.startsWith('node:') || builtins.has(p) || p.startsWith('@aws-sdk/') || optionalModules.includes(p);
      const unexpected = externals.filter((p) => !expected(p));
      expect(unexpected, name).toEqual([]);
      expect(
        externals.some((p) => p.startsWith('@aws-sdk/')),
        name,
      ).toBe(true);
    }
  });
});

describe('Powertools version', () => {
  it('is one exact release for every Powertools package the project depends on', () => {
    const { dependencies } = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const ranges = Object.entries(dependencies).filter(([d]) => d.startsWith('@aws-lambda-powertools/'));
    expect(ranges.length).toBeGreaterThan(1);
    expect(new Set(ranges.map(([, r]) => r)).size).toBe(1);
    expect(ranges[0]![1]).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
