import { availableParallelism, loadavg } from 'node:os';
import { wholeNumberBetween } from '../../core/text/decimal-integer';

/** Threads at most, the main thread included (beyond a few tagging threads, the main thread's reading, checking and writing is the limit). */
export const MAX_THREADS = 4;

/** The thread count `--threads TEXT` asks for: a whole number from 1 to MAX_THREADS in decimal digits, else undefined. */
export const threadCount = (text: string): number | undefined => wholeNumberBetween(text, 1, MAX_THREADS);

/**
 * One tagging thread per idle core (cores minus the last minute's load average), at most MAX_THREADS:
 * on a busy machine extra threads only add work (each loads its own matcher) and wait for a core.
 */
export function defaultThreads(): number {
  const idle = Math.round(availableParallelism() - loadavg()[0]!);
  return Math.max(1, Math.min(MAX_THREADS, idle));
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
