import { existsSync, mkdirSync, readdirSync, renameSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleCacheDir, repositoryRoot, SOURCE_BUNDLE } from '../../local/bundle-cache';

/**
 * Loads an operator-only module (one that pulls in the AWS SDK) from its own bundle, built on first use
 * and cached next to the CLI bundle. Why: esbuild hoists a bundled module's package imports to the top
 * of the CLI bundle even behind a dynamic import(), so every command — `tag` and `push` included —
 * would pay ~0.5 s to load the DynamoDB SDK that only `keys` needs.
 * When the CLI runs from source (vitest, tsx) the module is imported directly.
 */
export async function loadIsolated<T>(entryUnderFunctions: string): Promise<T> {
  const root = repositoryRoot();
  const entry = join(root, 'functions', entryUnderFunctions);
  if (import.meta.url.endsWith('.ts')) return (await import(pathToFileURL(entry).href)) as T;
  const name = entryUnderFunctions.replace(/\.ts$/, '').replace(/[\\/]/g, '-');
  const outFile = join(bundleCacheDir(root), `${name}.mjs`);
  if (!existsSync(outFile) || statSync(outFile).mtimeMs < newestMtime(join(root, 'functions'))) {
    const { build } = await import('esbuild');
    mkdirSync(dirname(outFile), { recursive: true });
    const tmp = `${outFile}.${process.pid}.tmp`;
    await build({ ...SOURCE_BUNDLE, entryPoints: [entry], outfile: tmp, sourcemap: 'inline', logLevel: 'error' });
    renameSync(tmp, outFile);
  }
  return (await import(pathToFileURL(outFile).href)) as T;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}
