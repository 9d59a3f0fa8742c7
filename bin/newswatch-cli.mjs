#!/usr/bin/env node
// Launcher for the `newswatch` command. The CLI is TypeScript; rather than load a TypeScript
// loader on every run (slow start), we bundle it once with esbuild into .cache/newswatch and
// rebuild only when a source file is newer than the bundle.
//
// `newswatch tag …` runs its own small bundle (functions/cli/tag-main.ts: the tag command only, with
// zod and commander bundled in, so no other command's modules and no per-file module resolution are
// loaded), and its tagging threads a smaller one still (functions/cli/tag-worker.ts, built beside it);
// everything else runs the full CLI (functions/cli/main.ts, dependencies from node_modules).
import module from 'node:module';
import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const sourceDir = join(root, 'functions');
// In the checkout, not under node_modules: a bundle finds the repository from its own real path, so a
// node_modules linked from another checkout (a git worktree) must not hold it (functions/local/bundle-cache.ts).
const cacheDir = join(root, '.cache', 'newswatch');
const tagOnly = process.argv[2] === 'tag';
/** The bundles to build, by output name: the tag command's two, or the full CLI (the first is the one run). */
const entries = tagOnly ? { 'cli-tag': 'tag-main.ts', 'cli-tag-worker': 'tag-worker.ts' } : { cli: 'main.ts' };
const outFiles = Object.keys(entries).map((name) => join(cacheDir, `${name}.mjs`));
const outFile = outFiles[0];

// Node ≥ 22.1 can keep V8's compiled code between runs; Node 20 has no such API (then this is a no-op).
try {
  module.enableCompileCache?.(join(cacheDir, 'v8'));
} catch {
  // a cache that cannot be written only costs speed
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const mtime = entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs;
    if (mtime > newest) newest = mtime;
  }
  return newest;
}

function bundleIsFresh() {
  try {
    const built = Math.min(...outFiles.map((file) => statSync(file).mtimeMs));
    // The tag bundle contains its dependencies: an npm install that changes them rebuilds it too.
    if (tagOnly && statSync(join(root, 'package-lock.json'), { throwIfNoEntry: false })?.mtimeMs > built) return false;
    return built >= newestMtime(sourceDir);
  } catch {
    return false;
  }
}

if (!bundleIsFresh()) {
  mkdirSync(cacheDir, { recursive: true });
  // Build to a private folder and rename, so two first runs at once never see half a bundle (the
  // threads' bundle first: a run that sees the new tag bundle finds the new threads' bundle too).
  const tmp = join(cacheDir, `build.${process.pid}.tmp`);
  // esbuild is imported only when a rebuild is needed: loading it costs more than a warm CLI run's own start-up.
  const { build } = await import('esbuild');
  await build({
    entryPoints: Object.fromEntries(Object.entries(entries).map(([name, file]) => [name, join(sourceDir, 'cli', file)])),
    outdir: tmp,
    // Paths in the bundle are relative to this: the repository, not wherever the CLI was started, so the
    // same code gives the same bundle (and the same matcher cache key) from any directory.
    absWorkingDir: root,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: tagOnly ? 'bundle' : 'external',
    // The tag bundles are the speed path: no inline source map and no whitespace (half the bytes to read
    // and compile at every start); names are kept, so a stack trace still reads.
    sourcemap: tagOnly ? false : 'inline',
    minifyWhitespace: tagOnly,
    minifySyntax: tagOnly,
    // commander is CommonJS: inside an ES module bundle its require('node:…') needs a real require.
    banner: tagOnly
      ? { js: "import { createRequire as __nwRequire } from 'node:module'; const require = __nwRequire(import.meta.url);" }
      : undefined,
    logLevel: 'error',
  });
  for (const file of outFiles.toReversed()) renameSync(join(tmp, basename(file)), file);
  rmSync(tmp, { recursive: true, force: true });
}

await import(pathToFileURL(outFile).href);
