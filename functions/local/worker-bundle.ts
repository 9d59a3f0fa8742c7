/**
 * A worker thread needs a JavaScript file, and the local runtime runs from TypeScript sources (tests)
 * or from the CLI's bundle under .cache/newswatch: so a worker's entry is bundled with esbuild (its
 * packages stay imports) into the same folder, rewritten only when its content changed.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { bundleCacheDir } from './bundle-cache';

/** functions/local/<entry>, found by walking up: this module also runs from a bundle under .cache/newswatch. */
function findEntry(entry: string): { root: string; path: string } {
  for (let dir = dirname(fileURLToPath(import.meta.url)); dir !== dirname(dir); dir = dirname(dir)) {
    const path = join(dir, 'functions', 'local', entry);
    if (existsSync(path)) return { root: dir, path };
  }
  throw new Error(`cannot find functions/local/${entry} above ${fileURLToPath(import.meta.url)}`);
}

/** The bundled worker script for functions/local/`entry`, as a path to give `new Worker`. */
export async function workerScript(entry: string): Promise<string> {
  const { root, path } = findEntry(entry);
  const result = await build({
    entryPoints: [path],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.text;
  const outFile = join(bundleCacheDir(root), basename(entry).replace(/\.ts$/, '.mjs'));
  if (!existsSync(outFile) || readFileSync(outFile, 'utf8') !== code) {
    mkdirSync(dirname(outFile), { recursive: true });
    // A private file and a rename: two runtimes starting at once never load half a script.
    const tmp = `${outFile}.${process.pid}.tmp`;
    writeFileSync(tmp, code);
    renameSync(tmp, outFile);
  }
  return outFile;
}
