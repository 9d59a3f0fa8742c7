/**
 * BENCH_INSTRUCTIONS=n for bench/lambda.ts: each bundle's cold start, n times, under valgrind's callgrind,
 * counting the instructions the process runs until `handler` is ready (the probe exits then). A count
 * does not depend on the machine's load (it repeats within ≈ 1 % between runs; the GC's and the JIT's
 * timing move it a little), so it shows a change of a few per cent that wall-clock medians on a shared
 * machine cannot. It does not see waiting (file reads, page faults), which "ready" includes; both are
 * reported. Valgrind makes a process ≈ 50 × slower: ≈ 15 s a sample.
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

/** Instructions the command runs, by callgrind (its profile is discarded). */
export function countInstructions(command: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const valgrindArgs = ['--tool=callgrind', '--callgrind-out-file=/dev/null', command, ...args];
  return new Promise((resolve, reject) =>
    execFile('valgrind', valgrindArgs, { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (error, _stdout, stderr) => {
      const count = COLLECTED.exec(stderr)?.[1];
      if (error || count === undefined) reject(new Error(`callgrind failed: ${error?.message ?? ''}\n${stderr.slice(-2000)}`));
      else resolve(Number(count));
    }),
  );
}
