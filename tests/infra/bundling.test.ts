import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { build, type Metafile } from 'esbuild';
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { esbuildOptions, handlerEntries, type LazyChunk, lambdaBundling, lazyChunks, optionalModules } from '../../lib/bundling';
import { ProjectFunction } from '../../lib/constructs/project-function';

const repo = process.cwd();

// The CDK announces each bundling on stderr ("Bundling asset …"): right for `cdk synth`, noise in a test run.
beforeEach(() => {
  const write = process.stderr.write.bind(process.stderr);
  const quiet = vi
    .spyOn(process.stderr, 'write')
    .mockImplementation((chunk: any, ...rest: any[]) => (String(chunk).startsWith('Bundling asset ') ? true : write(chunk, ...rest)));
  onTestFinished(() => quiet.mockRestore());
});

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
  const tagger = lazyChunks.ingest.find((c) => c.file === 'tagger.js')!;
  let outdir: string | undefined;
  let asset: string | undefined;
  afterAll(() => outdir && rmSync(outdir, { recursive: true, force: true }));

  /** The API function's deployment package, as `cdk synth` writes it: synthesized once, for the tests below. */
  function deployedApi(): string {
    if (asset) return asset;
    outdir = mkdtempSync(join(tmpdir(), 'newswatch-chunk-'));
    const app = new App({ outdir });
    new ProjectFunction(new Stack(app, 'ChunkCheck'), 'Api', { handler: 'api', environment: {}, logRetention: RetentionDays.ONE_DAY });
    const assembly = app.synth();
    const [folder] = readdirSync(assembly.directory).filter((d) => d.startsWith('asset.'));
    asset = join(assembly.directory, folder!);
    return asset;
  }

  it("are in the API's deployment package, byte for byte what the benchmark measures", async () => {
    const deployed = readFileSync(join(deployedApi(), chunk!.file));
    const options = esbuildOptions(join(repo, chunk!.entry), join(repo, 'cdk.out', 'chunk-check', chunk!.file));
    const measured = (await build({ ...options, write: false })).outputFiles!.find((f) => f.path.endsWith(chunk!.file))!.contents;
    expect(Buffer.from(measured).equals(deployed)).toBe(true);
  }, 120_000); // two real esbuild runs through the CDK

  it("put tagger.js beside the API's feed-poll-now.js, which loads it from there when a poll ingests its first article", () => {
    const pollNow = join(deployedApi(), chunk!.file);
    expect(readFileSync(pollNow, 'utf8')).toContain(`"./${tagger.file}"`);
    // Resolved as feed-poll-now.js's own require resolves it: from the folder it sits in.
    const watchlist = { people: [{ id: 'p1', name: 'Viktor Bout', aliases: [] }], topics: [] };
    const script = `const engine = require('node:module').createRequire(${JSON.stringify(pollNow)})('./${tagger.file}'); const b = engine.startTaggerBuild(${JSON.stringify(watchlist)}); while (!b.step(64)); process.stdout.write(JSON.stringify(b.tagger().tag({ body: 'Viktor Bout was freed.' }).people.map((p) => p.id)))`;
    expect(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })).toBe('["p1"]');
  }, 120_000);

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

const chunkOf = (handler: keyof typeof handlerEntries, file: string) => lazyChunks[handler].find((c) => c.file === file)!;

/** A module file that index.js reaches at init, through static imports only (not a dynamic import). */
function inputsAtInit(metafile: Metafile): Set<string> {
  const entry = Object.values(metafile.outputs).find((o) => o.entryPoint)!.entryPoint!;
  const atInit = new Set([entry]);
  for (const path of atInit)
    for (const i of metafile.inputs[path]?.imports ?? []) if (i.kind !== 'dynamic-import' && !i.external) atInit.add(i.path);
  return atInit;
}

describe("the feed poller's files beside index.js", () => {
  it('hold Readability and linkedom in full-text.js, which the poller loads with the first page instead of at every cold start', async () => {
    const chunk = chunkOf('feedPoller', 'full-text.js');
    const { chunkFile, inputs, indexJs } = await buildBesideChunk('feedPoller', chunk);
    expect(inputs.filter((p) => /node_modules\/(linkedom|@mozilla\/readability|cssom\w*)\//.test(p))).toEqual([]);
    expect(indexJs).toContain(`"./${chunk.file}"`);
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

  it('hold the feed parsers in feed-parse.js, which the poller loads with the first changed body, and it parses a feed', async () => {
    const chunk = chunkOf('feedPoller', 'feed-parse.js');
    const { chunkFile, inputs, indexJs } = await buildBesideChunk('feedPoller', chunk);
    expect(
      inputs.filter((p) => /node_modules\/(feedsmith|fast-xml-parser|htmlparser2)\/|feeds\/(parse-feed|html-text)\.ts/.test(p)),
    ).toEqual([]);
    expect(indexJs).toContain(`"./${chunk.file}"`);
    const rss =
      '<rss version="2.0"><channel><title>T</title><item><title>Bout &amp; Griner</title><link>https://example.com/a</link></item></channel></rss>';
    const script = `const p = require(${JSON.stringify(chunkFile)}); process.stdout.write(JSON.stringify(p.parseFeedDocument(Buffer.from(${JSON.stringify(rss)}), 'application/rss+xml', 'https://example.com/').items[0]) + ' ' + typeof p.NotAFeed)`;
    const loaded = execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect(loaded).toBe('{"link":"https://example.com/a","title":"Bout & Griner","text":"","hasFullContent":false} function');
  }, 60_000);

  it("are also beside the API's index.js, whose feed-polling file loads them", () => {
    expect(lazyChunks.api).toContainEqual(chunkOf('feedPoller', 'full-text.js'));
    expect(lazyChunks.api).toContainEqual(chunkOf('feedPoller', 'feed-parse.js'));
  });

  it('leave the ingest use case (tagger, stories, the article schema) unevaluated at init: the poller reaches it through a dynamic import', async () => {
    const options = esbuildOptions(
      join(repo, handlerEntries.feedPoller),
      join(repo, 'cdk.out', 'bundle-check', 'feedPoller', lambdaBundling.outputFile),
    );
    const { metafile } = await build({ ...options, write: false });
    const atInit = [...inputsAtInit(metafile!)];
    expect(atInit.filter((p) => /functions\/(app\/ingest-articles|app\/tagging|core\/tagger\/|core\/article\.ts)/.test(p))).toEqual([]);
    expect(Object.keys(metafile!.inputs).some((p) => p.endsWith('functions/app/ingest-articles.ts'))).toBe(true);
  }, 60_000);
});

describe("ingest's tagger.js", () => {
  it('holds the tagger engine, which index.js leaves out, and builds a tagger that tags on its own', async () => {
    const chunk = chunkOf('ingest', 'tagger.js');
    const { chunkFile, inputs, indexJs } = await buildBesideChunk('ingest', chunk);
    // Only the built-in topics' ids stay in index.js, for the watchlist schema.
    expect(inputs.filter((p) => p.includes('functions/core/tagger/'))).toEqual(['functions/core/tagger/builtin-topic-ids.ts']);
    expect(indexJs).toContain(`"./${chunk.file}"`);
    const watchlist = { people: [{ id: 'p1', name: 'Viktor Bout', aliases: [] }], topics: [{ id: 'prisoner-exchange' }] };
    const script = `const b = require(${JSON.stringify(chunkFile)}).startTaggerBuild(${JSON.stringify(watchlist)}); while (!b.step(64)); process.stdout.write(JSON.stringify(b.tagger().tag({ body: 'Viktor Bout was freed in a prisoner swap.' }).people.map((p) => p.id)))`;
    expect(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })).toBe('["p1"]');
  }, 60_000);

  it('is beside the index.js of every function that ingests: ingest, the feed poller and the API (polling now)', () => {
    for (const name of ['ingest', 'feedPoller', 'api'] as const)
      expect(lazyChunks[name], name).toContainEqual(chunkOf('ingest', 'tagger.js'));
  });
});

describe("every function's tracer.js", () => {
  it('is beside every index.js', () => {
    for (const name of Object.keys(handlerEntries) as (keyof typeof handlerEntries)[])
      expect(lazyChunks[name], name).toContainEqual({ entry: 'functions/handlers/tracer-instance.ts', file: 'tracer.js' });
  });

  it('holds the Powertools Tracer and the X-Ray SDK, which index.js leaves out, and builds a tracer on its own', async () => {
    const chunk = chunkOf('ingest', 'tracer.js');
    const { chunkFile, inputs, indexJs } = await buildBesideChunk('ingest', chunk);
    expect(
      inputs.filter((p) => p.includes('node_modules/aws-xray-sdk-core/') || p.includes('/@aws-lambda-powertools/tracer/lib/esm/Tracer')),
    ).toEqual([]);
    expect(indexJs).toContain(`"./${chunk.file}"`);
    const script = `require(${JSON.stringify(chunkFile)}).createTracer('newswatch', true).then((t) => process.stdout.write(typeof t.captureAWSv3Client + ' ' + t.isTracingEnabled()))`;
    const loaded = execFileSync(process.execPath, ['-e', script], {
      encoding: 'utf8',
      env: { ...process.env, AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x', AWS_LAMBDA_FUNCTION_NAME: 'check' },
    });
    expect(loaded).toBe('function true');
  }, 60_000);
});

describe('Lambda bundles', () => {
  type Built = { name: string; metafile: Metafile; code: string };
  let bundles: Built[];
  beforeAll(async () => {
    // Built in memory with the settings the CDK ProjectFunction deploys (lib/bundling.ts).
    bundles = await Promise.all(
      Object.entries(handlerEntries).map(async ([name, entry]) => {
        const options = esbuildOptions(join(repo, entry), join(repo, 'cdk.out', 'bundle-check', name, lambdaBundling.outputFile));
        const result = await build({ ...options, write: false });
        const code = result.outputFiles.find((f) => f.path.endsWith(lambdaBundling.outputFile))!.text;
        return { name, metafile: result.metafile!, code };
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

  it('keeps the X-Ray SDK out of every index.js: the tracer is in tracer.js beside it', () => {
    for (const { name, metafile } of bundles) {
      const output = Object.values(metafile.outputs).find((o) => o.entryPoint)!;
      expect(
        Object.keys(output.inputs).filter(
          (p) => p.includes('node_modules/aws-xray-sdk-core/') || p.includes('/@aws-lambda-powertools/tracer/lib/esm/Tracer'),
        ),
        name,
      ).toEqual([]);
    }
  });

  it('hold no regular expression literal with a Unicode property escape: V8 builds its class from ICU while it parses the script, used or not (functions/core/text/lazy-regexp.ts)', () => {
    for (const { name, code } of bundles) expect(code.match(/(?<!\\)\\p\{\w+\}/g) ?? [], name).toEqual([]);
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

  const inputsOfIndex = (metafile: Metafile) => Object.keys(Object.values(metafile.outputs).find((o) => o.entryPoint)!.inputs);
  /** Every module a function deploys: its index and the chunks it loads later. */
  const inputsOfAll = (metafile: Metafile) => Object.values(metafile.outputs).flatMap((o) => Object.keys(o.inputs));

  it("carry no lru-cache: the story caches on ingest's and the poller's path are functions/core/recent-cache.ts", () => {
    for (const { name, metafile } of bundles)
      expect(
        inputsOfIndex(metafile).filter((p) => p.includes('node_modules/lru-cache/')),
        name,
      ).toEqual([]);
  });

  it('build the subscription schemas only in the functions that read or take subscriptions (filter policies are in core/filter-policy.ts)', () => {
    const withSchemas = bundles.filter(({ metafile }) => inputsOfIndex(metafile).includes('functions/core/subscription-policy.ts'));
    expect(withSchemas.map((b) => b.name).sort()).toEqual(['api', 'digestScheduler']);
  });

  it("leave the GET /alerts query's schemas (core/alerts/alert-query.ts) to the API: the alert functions only log what they sent", () => {
    const withQuery = bundles.filter(({ metafile }) => inputsOfIndex(metafile).includes('functions/core/alerts/alert-query.ts'));
    expect(withQuery.map((b) => b.name)).toEqual(['api']);
  });

  it("leave the API answers' schemas (core/api-answers.ts) to the CLI: the use cases take only their types, no cold start builds them", () => {
    expect(bundles.filter(({ metafile }) => inputsOfAll(metafile).includes('functions/core/api-answers.ts')).map((b) => b.name)).toEqual(
      [],
    );
  });

  it("leave the tagger snapshot's shape (core/tagger/snapshot-shape.ts) to the CLI's matcher cache: no function reads a snapshot back", () => {
    expect(
      bundles.filter(({ metafile }) => inputsOfAll(metafile).includes('functions/core/tagger/snapshot-shape.ts')).map((b) => b.name),
    ).toEqual([]);
  });

  it("leave the dead-letter schemas (core/alerts/dead-letter-message.ts) to the CLI's alerts redrive: the functions only write dead letters", () => {
    expect(
      bundles.filter(({ metafile }) => inputsOfAll(metafile).includes('functions/core/alerts/dead-letter-message.ts')).map((b) => b.name),
    ).toEqual([]);
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

/** The variables the deployed functions read at init (values are placeholders: nothing is called). */
const LAMBDA_INIT_ENV = {
  AWS_REGION: 'us-east-1',
  AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
  AWS_LAMBDA_FUNCTION_NAME: 'check',
  TABLE_NAME: 'newswatch-check',
  ALERT_TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:newswatch-check',
  ALERT_DLQ_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/newswatch-check-dlq',
  FEED_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/newswatch-check-feeds',
};

describe("the SDK's SNS package", () => {
  it('is loaded at init by the alert dispatcher, which publishes on every invocation, and by no other function', async () => {
    const dir = join(repo, 'cdk.out', 'sns-at-init-check');
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const loadedAtInit: Record<string, boolean> = {};
    for (const [name, entry] of Object.entries(handlerEntries)) {
      const file = join(dir, name, lambdaBundling.outputFile);
      await build(esbuildOptions(join(repo, entry), file));
      const script = `require(${JSON.stringify(file)}); process.stdout.write(String(Object.keys(require.cache).some((k) => k.includes('/@aws-sdk/client-sns/'))))`;
      const out = execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { ...process.env, ...LAMBDA_INIT_ENV } });
      loadedAtInit[name] = out === 'true';
    }
    expect(Object.keys(loadedAtInit).filter((name) => loadedAtInit[name])).toEqual(['alertDispatcher']);
  }, 120_000);
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
