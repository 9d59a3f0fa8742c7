import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BuildOptions } from 'esbuild';

/**
 * Where the launcher and the runtime keep their esbuild bundles: `.cache/newswatch/` in the checkout
 * itself (git-ignored). Not under node_modules: a bundle finds the repository by walking up from its own
 * real path, and a node_modules shared by two checkouts (a link in a git worktree) would make one
 * checkout run the other's code. Also written in bin/newswatch-cli.mjs, which cannot import TypeScript.
 */
export const bundleCacheDir = (root: string): string => join(root, '.cache', 'newswatch');

/**
 * The checkout this code runs from: the nearest folder above this module (its source under functions/, or
 * the bundle it was built into under .cache/newswatch/) whose package.json is newswatch's.
 */
export function repositoryRoot(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (let dir = here; dir !== dirname(dir); dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'newswatch') return dir;
  }
  throw new Error(`cannot find the newswatch repository root above ${here}`);
}

/** What the bundles built here share: one ES module for Node 20, its packages left as imports. */
export const SOURCE_BUNDLE = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
} as const satisfies BuildOptions;
