import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { build, type Metafile } from 'esbuild';
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { esbuildOptions, handlerEntries } from '../../lib/bundling';
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
    const deployed = readFileSync(join(assembly.directory, asset!, 'index.mjs'));
    const options = esbuildOptions(join(repo, handlerEntries.ingest), join(repo, 'cdk.out', 'bundle-check', 'index.mjs'));
    const measured = (await build({ ...options, write: false })).outputFiles!.find((f) => f.path.endsWith('.mjs'))!.contents;
    // Assess: same bytes, so every lib/bundling.ts setting reached esbuild through CDK too
    expect(Buffer.from(measured).equals(deployed)).toBe(true);
  }, 120_000); // a real esbuild run through the CDK: seconds alone, far more on a loaded machine
});

describe('Lambda bundles', () => {
  type Built = { name: string; metafile: Metafile };
  let bundles: Built[];
  beforeAll(async () => {
    // Built in memory with the settings the CDK ProjectFunction deploys (lib/bundling.ts).
    bundles = await Promise.all(
      Object.entries(handlerEntries).map(async ([name, entry]) => {
        const options = esbuildOptions(join(repo, entry), join(repo, 'cdk.out', 'bundle-check', name, 'index.mjs'));
        return { name, metafile: (await build({ ...options, write: false })).metafile! };
      }),
    );
  });
  const isLayerModule = (path: string) => path.startsWith('@aws-lambda-powertools/') || path === 'aws-xray-sdk-core';

  it('bundles no Powertools and no X-Ray SDK code (the layer supplies them)', () => {
    for (const { name, metafile } of bundles) {
      const inputs = Object.keys(metafile.inputs);
      const fromLayer = inputs.filter((p) => /node_modules\/(@aws-lambda-powertools|aws-xray-sdk-core)\//.test(p));
      expect(fromLayer, name).toEqual([]);
    }
  });

  it('leaves out only what the Lambda runtime or the Powertools layer provides', () => {
    const builtins = new Set(builtinModules);
    for (const { name, metafile } of bundles) {
      const outputs = Object.values(metafile.outputs);
      const externals = outputs.flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path));
      const unexpected = externals.filter(
        (p) => !(p.startsWith('node:') || builtins.has(p) || p.startsWith('@aws-sdk/') || isLayerModule(p)),
      );
      expect(unexpected, name).toEqual([]);
      expect(externals.some(isLayerModule), name).toBe(true);
    }
  });
});
