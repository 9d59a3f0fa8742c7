/**
 * BENCH_INSTRUCTIONS=n for bench/lambda.ts: each bundle's cold start, n times, under valgrind's callgrind,
 * counting the instructions the process runs until `handler` is ready (the probe exits then). Node runs
 * with V8's `--predictable` (one thread, a fixed GC schedule and hash seed): without it the count of the
 * same bundle moved by up to 3 % between runs (594 and 611 M for ingest minutes apart: the concurrent
 * compiler's and GC's share depends on timing), with it it repeats within 0.01 % (602.83 / 602.81 M), so
 * a change of under 1 % shows. The mode does the same work on one thread, not what Lambda runs
 * instruction for instruction; the ratios to the SDK-clients-only handler, counted the same way, are
 * what to read. It does not see waiting (file reads, page faults), which "ready" includes. Valgrind makes
 * a process ≈ 50 × slower: ≈ 15–30 s a sample.
 */
import { execFile, execFileSync } from 'node:child_process';

/** Whether `valgrind` runs here (the bench skips the counts, and says so, when it does not). */
export function valgrindAvailable(): boolean {
  try {
    execFileSync('valgrind', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const COLLECTED = /Collected : (\d+)/;

/** V8 in predictable mode: the count repeats from run to run (see above). */
export const PREDICTABLE = '--predictable';

/** Instructions a Node process runs, by callgrind (its profile is discarded); `args` are Node's. */
export function countInstructions(node: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const valgrindArgs = ['--tool=callgrind', '--callgrind-out-file=/dev/null', node, PREDICTABLE, ...args];
  return new Promise((resolve, reject) =>
    execFile('valgrind', valgrindArgs, { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (error, _stdout, stderr) => {
      const count = COLLECTED.exec(stderr)?.[1];
      if (error || count === undefined) reject(new Error(`callgrind failed: ${error?.message ?? ''}\n${stderr.slice(-2000)}`));
      else resolve(Number(count));
    }),
  );
}
