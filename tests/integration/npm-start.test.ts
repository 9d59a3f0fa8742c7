/**
 * `npm start` exactly as a user (or a supervising tool) runs it: npm, then the start script, then
 * `newswatch serve`. Ctrl-C in a terminal signals the whole process group; a tool usually signals only
 * the npm process it spawned. Either way the runtime must stop cleanly and `npm start` exit 0.
 */
import { execSync, spawn, type ChildProcess } from 'node:child_process';
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

/** Whether any process of the group (npm, the runtime, its helpers) is still alive: no orphans allowed. */
function groupAlive(started: Started): boolean {
  try {
    process.kill(-started.child.pid!, 0);
    return true;
  } catch {
    return false;
  }
}

function processesOf(started: Started): string {
  try {
    return execSync(`ps -o pid=,stat=,args= -g ${started.child.pid}`).toString() || 'gone';
  } catch {
    return ''; // the group ended meanwhile
  }
}

/** What a clean stop looks like, gathered so that a failure shows what is left and the runtime's stderr. */
async function outcome(started: Started, code: number | null | 'still running') {
  // Helpers of the runtime (e.g. an esbuild service) may take a moment to notice their parent is gone.
  const deadline = Date.now() + 10_000;
  while (groupAlive(started) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
  const left = groupAlive(started) ? processesOf(started) : '';
  return { code, groupAlive: left !== '', left, forced: /stopping immediately/.test(started.stderr()), stderr: started.stderr() };
}

/** Start-up (first run builds the bundles), a clean stop and the wait for helpers, on a busy machine. */
const TEST_TIMEOUT_MS = 120_000;

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

  it(
    'stops and exits 0 on Ctrl-C in a terminal (SIGINT to the whole process group)',
    async () => {
      // Prepare
      const started = await start();

      // Act
      process.kill(-started.child.pid!, 'SIGINT');
      const result = await outcome(started, await exitWithin(started, 20_000));

      // Assess
      expect(result).toMatchObject({ code: 0, groupAlive: false, forced: false });
      expect(result.stderr).not.toMatch(/at .*\.(ts|js|mjs):\d+/);
    },
    TEST_TIMEOUT_MS,
  );

  // SIGINT to npm alone (its `sh -c` used to swallow it); SIGTERM to npm alone (used to orphan the runtime on its ports).
  it.each(['SIGINT', 'SIGTERM'] as const)(
    'stops the runtime and exits 0, leaving no process behind, when only the npm process gets %s',
    async (signal) => {
      // Prepare
      const started = await start();

      // Act
      started.child.kill(signal);
      const result = await outcome(started, await exitWithin(started, 20_000));

      // Assess
      expect(result).toMatchObject({ code: 0, groupAlive: false });
    },
    TEST_TIMEOUT_MS,
  );
});
