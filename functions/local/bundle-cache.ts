import { join } from 'node:path';

/**
 * Where the launcher and the runtime keep their esbuild bundles: `.cache/newswatch/` in the checkout
 * itself (git-ignored). Not under node_modules: a bundle finds the repository by walking up from its own
 * real path, and a node_modules shared by two checkouts (a link in a git worktree) would make one
 * checkout run the other's code. Also written in bin/newswatch-cli.mjs, which cannot import TypeScript.
 */
export const bundleCacheDir = (root: string): string => join(root, '.cache', 'newswatch');
