/**
 * A worker thread needs a JavaScript file, and the local runtime runs from TypeScript sources (tests)
 * or from the CLI's bundle under .cache/newswatch: so a worker's entry is bundled with esbuild (its
 * packages stay imports) into the same folder, rewritten only when its content changed.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { build } from 'esbuild';
import { bundleCacheDir, repositoryRoot, SOURCE_BUNDLE } from './bundle-cache';

/** The bundled worker script for functions/local/`entry`, as a path to give `new Worker`. */
export async function workerScript(entry: string): Promise<string> {
  const root = repositoryRoot();
  const result = await build({
    ...SOURCE_BUNDLE,
    entryPoints: [join(root, 'functions', 'local', entry)],
    write: false,
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
