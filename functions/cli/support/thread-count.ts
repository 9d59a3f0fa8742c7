import { availableParallelism, loadavg } from 'node:os';
import { wholeNumberBetween } from '../../core/text/decimal-integer';

/** Threads at most, the main thread included (beyond a few tagging threads, the main thread's reading, checking and writing is the limit). */
export const MAX_THREADS = 4;

/** The thread count `--threads TEXT` asks for: a whole number from 1 to MAX_THREADS in decimal digits, else undefined. */
export const threadCount = (text: string): number | undefined => wholeNumberBetween(text, 1, MAX_THREADS);

/**
 * Idle cores below this get one thread: a tagging thread is a second V8 isolate that pays its own start-up,
 * matcher restore and warm-up, and with one idle core beside the main thread's that costs more than the
 * checking it takes off the main thread (on an idle 2-core machine `--threads 2` took 1.04–1.11 × the wall
 * time of `--threads 1`: docs/benchmarks.md, "Tagger").
 */
const IDLE_CORES_FOR_THREADS = 3;

/**
 * The default thread count for `cores` cores at a load average of `load`: one thread per idle core (at most
 * MAX_THREADS), or one when fewer than IDLE_CORES_FOR_THREADS are idle. On a busy machine extra threads
 * only add work (each loads its own matcher) and wait for a core.
 */
export function threadsFor(cores: number, load: number): number {
  const idle = Math.round(cores - load);
  return idle < IDLE_CORES_FOR_THREADS ? 1 : Math.min(MAX_THREADS, idle);
}

/** The default thread count on this machine now (threadsFor its cores and last minute's load average). */
export function defaultThreads(): number {
  return threadsFor(availableParallelism(), loadavg()[0]!);
}

/**
 * How many tagging threads `newswatch tag ARGS` will start, read from the raw arguments before the
 * command line is parsed (to start them early): 0 unless --jsonl, else --threads N (or the default)
 * minus the main thread. A guess only: the parsed options decide, and a thread not needed is ended.
 */
export function tagWorkersWanted(args: readonly string[]): number {
  if (!args.includes('--jsonl')) return 0;
  const at = args.findIndex((a) => a === '--threads' || a.startsWith('--threads='));
  const given = at < 0 ? undefined : args[at]!.startsWith('--threads=') ? args[at]!.slice('--threads='.length) : args[at + 1];
  const threads = given === undefined ? defaultThreads() : threadCount(given);
  return threads === undefined ? 0 : threads - 1;
}
