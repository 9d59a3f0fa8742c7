/**
 * `npm start` exactly as a user (or a supervising tool) runs it: npm, then the start script, then
 * `newswatch serve`. Ctrl-C in a terminal signals the whole process group; a tool usually signals only
 * the npm process it spawned. Either way the runtime must stop cleanly and `npm start` exit 0.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const READY = /^newswatch ready on (http:\/\/127\.0\.0\.1:\d+)$/m;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

interface Started {
  child: ChildProcess;
  apiUrl: string;
  exited: Promise<number | null>;
  stderr: () => string;
}

async function npmStart(dataDir: string): Promise<Started> {
  // detached: its own process group, like a terminal's foreground job (and so it can all be killed).
  const child = spawn(npm, ['start'], {
    cwd: root,
    detached: true,
    env: { ...process.env, PORT: '0', NEWSWATCH_SNS_PORT: '0', NEWSWATCH_DATA_DIR: dataDir, NEWSWATCH_API_KEY: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? -1 : null))));
  const deadline = Date.now() + 60_000;
  for (;;) {
    const match = READY.exec(stdout);
    if (match) return { child, apiUrl: match[1]!, exited, stderr: () => stderr };
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`npm start did not get ready: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The exit code, or 'still running' when it has not exited within the time a clean stop needs. */
function exitWithin(started: Started, ms: number): Promise<number | null | 'still running'> {
  return Promise.race([started.exited, new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), ms))]);
}

async function answers(apiUrl: string): Promise<boolean> {
  return fetch(`${apiUrl}/watchlist`).then(
    () => true,
    () => false,
  );
}

describe('npm start (process group)', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });

  async function start(): Promise<Started> {
    const dataDir = mkdtempSync(join(tmpdir(), 'newswatch-npm-start-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const started = await npmStart(dataDir);
    cleanups.push(() => {
      try {
        process.kill(-started.child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    });
    return started;
  }

  it('stops and exits 0 on Ctrl-C in a terminal (SIGINT to the whole process group)', async () => {
    // Prepare
    const started = await start();

    // Act
    process.kill(-started.child.pid!, 'SIGINT');
    const code = await exitWithin(started, 20_000);

    // Assess
    expect(code).toBe(0);
    expect(await answers(started.apiUrl)).toBe(false);
    expect(started.stderr()).not.toMatch(/stopping immediately|at .*\.(ts|js|mjs):\d+/);
  });

  it('stops and exits 0 when only the npm process gets SIGINT', async () => {
    // Prepare
    const started = await start();

    // Act
    started.child.kill('SIGINT');
    const code = await exitWithin(started, 20_000);

    // Assess
    expect(code).toBe(0);
    expect(await answers(started.apiUrl)).toBe(false);
  });

  it('stops the runtime too (no orphan keeping the ports) when the npm process gets SIGTERM', async () => {
    // Prepare
    const started = await start();

    // Act
    started.child.kill('SIGTERM');
    const code = await exitWithin(started, 20_000);
    await new Promise((resolve) => setTimeout(resolve, 1_000));

    // Assess
    expect(code).toBe(0);
    expect(await answers(started.apiUrl)).toBe(false);
  });
});
