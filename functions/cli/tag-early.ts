import { isMainThread } from 'node:worker_threads';
import { useSmallInliningBudget } from './support/inlining-budget';
import { spawnTagWorker, type StartingWorker } from './support/tag-spawn';
import { tagWorkersWanted } from './support/thread-count';

/**
 * The first module of the tag bundle (tag-main.ts imports it first, so it runs before the rest of the
 * bundle's modules are evaluated and before the command line is parsed): it starts the tagging threads
 * the arguments ask for at once, so their start-up (node's worker bootstrap, their own bundle), which
 * is on the run's critical path, overlaps the main thread's (docs/benchmarks.md, "Tagger"). The tag
 * command takes them over once it knows its options, and ends those it does not need.
 */

/** The tagging threads' bundle, built beside this one by bin/newswatch-cli.mjs (from tag-worker.ts). */
export const workerEntry = new URL('./cli-tag-worker.mjs', import.meta.url);

/**
 * A run tags for well under a second, so V8's optimising compiler (whose CPU, on a background thread,
 * the run pays too) costs about as much as the code it speeds up: less inlining (support/inlining-budget.ts).
 * Set before any tagging code is optimised, and before the threads start; it applies to all of them.
 */
useSmallInliningBudget();

export const earlyWorkers: StartingWorker[] =
  isMainThread && process.argv[2] === 'tag'
    ? Array.from({ length: tagWorkersWanted(process.argv.slice(3)) }, () => spawnTagWorker(workerEntry))
    : [];
