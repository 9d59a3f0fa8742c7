import { PassThrough } from 'node:stream';
import { runTag, type TagOptions, type TagRuntime } from '../../functions/cli/commands/tag';

/** Runs `newswatch tag` in process: its exit status and everything it wrote to stdout and stderr. */
export async function runTagCaptured(
  files: string[],
  opts: TagOptions,
  runtime?: TagRuntime,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (d) => (stdout += d));
  err.on('data', (d) => (stderr += d));
  const code = await runTag(files, opts, out, err, runtime);
  return { code, stdout, stderr };
}

/**
 * Runs `newswatch tag --jsonl` on two threads (no matcher cache) whose tagging thread runs `threadScript`,
 * a module standing in for the real thread (one that echoes, starts slowly, fails or dies).
 */
export function runTagOnThread(files: string[], threadScript: URL): ReturnType<typeof runTagCaptured> {
  return runTagCaptured(files, { jsonl: true, threads: 2, cache: false }, { workerEntry: threadScript });
}
