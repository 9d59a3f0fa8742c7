#!/usr/bin/env node
// Launcher for the `newswatch` command. The CLI is TypeScript; rather than load a TypeScript
// loader on every run (slow start), we bundle functions/cli/main.ts once with esbuild into
// node_modules/.cache and rebuild only when a source file is newer than the bundle.
import { mkdirSync, readdirSync, renameSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const sourceDir = join(root, 'functions');
const outFile = join(root, 'node_modules', '.cache', 'newswatch', 'cli.mjs');

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
    return statSync(outFile).mtimeMs >= newestMtime(sourceDir);
  } catch {
    return false;
  }
}

if (!bundleIsFresh()) {
  mkdirSync(dirname(outFile), { recursive: true });
  // Build to a private file and rename, so two first runs at once never see half a bundle.
  const tmp = `${outFile}.${process.pid}.tmp`;
  // esbuild is imported only when a rebuild is needed: loading it costs more than a warm CLI run's own start-up.
  const { build } = await import('esbuild');
  await build({
    entryPoints: [join(sourceDir, 'cli', 'main.ts')],
    outfile: tmp,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'inline',
    logLevel: 'error',
  });
  renameSync(tmp, outFile);
}

await import(pathToFileURL(outFile).href);
