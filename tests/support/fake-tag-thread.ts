import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Writes a module that stands in for the tag command's tagging thread (one that echoes, starts slowly,
 * fails or dies) as `dir/name`, its `lines` after the import every such thread needs, and returns its
 * URL, which is what the command and the pool start a thread from. The thread's side of the protocol:
 * post `{kind: 'ready'}`, then answer each `{seq, articles}` with `{kind: 'done', seq, out}`, or post
 * `{kind: 'failed', message}` instead.
 */
export function fakeTagThread(dir: string, name: string, lines: readonly string[]): URL {
  const path = join(dir, name);
  writeFileSync(path, ["import { parentPort, workerData } from 'node:worker_threads';", ...lines].join('\n'));
  return pathToFileURL(path);
}

/** A tagging thread that cannot load its matcher (what a bad watchlist does to a real one), saying `message`. */
export const failingTagThread = (dir: string, message: string): URL =>
  fakeTagThread(dir, 'failing.mjs', [`parentPort.postMessage({ kind: 'failed', message: ${JSON.stringify(message)} });`]);
