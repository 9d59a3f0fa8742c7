/**
 * `newswatch serve` as a user runs it (`npm start` = `node bin/newswatch-cli.mjs serve`): the ready
 * line, runtime.json for the CLI, a clean exit on Ctrl-C, and a one-line error for a port in use, a
 * damaged data folder or a bad setting.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const READY = /^newswatch ready on (http:\/\/127\.0\.0\.1:\d+)$/m;

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** `dataDir` undefined: no --data-dir, the folder comes from the environment (NEWSWATCH_DATA_DIR in `env`). */
function serve(args: string[], dataDir: string | undefined, env: NodeJS.ProcessEnv = {}): Run {
  const dataArgs = dataDir === undefined ? [] : ['--data-dir', dataDir];
  const child = spawn(process.execPath, ['bin/newswatch-cli.mjs', 'serve', ...dataArgs, ...args], {
    cwd: root,
    env: { ...process.env, NEWSWATCH_API_KEY: '', NEWSWATCH_DATA_DIR: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

async function untilReady(run: Run, timeoutMs = 45_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const match = READY.exec(run.stdout());
    if (match) return match[1]!;
    if (run.child.exitCode !== null) throw new Error(`serve exited early: ${run.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no ready line within ${timeoutMs} ms; stdout: ${run.stdout()} stderr: ${run.stderr()}`);
}

/** Waits for `file` (up to `timeoutMs`), for a run whose ready line cannot be read (its stdout closed); returns early if it exits. */
async function untilWritten(run: Run, file: string, timeoutMs = 45_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(file) && run.child.exitCode === null && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The exit code, or 'still running' after `ms` (a start that hangs must fail the test, not time it out). */
async function exitWithin(run: Run, ms: number): Promise<number | null | 'still running'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'still running'>((resolve) => {
    timer = setTimeout(() => resolve('still running'), ms);
  });
  try {
    return await Promise.race([run.exited, late]);
  } finally {
    clearTimeout(timer);
  }
}

describe('newswatch serve (child process)', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });

  function tempDir(): string {
    const dir = mkdtempSync(join(tmpdir(), 'newswatch-serve-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    return dir;
  }

  it('prints the ready line, writes runtime.json for the CLI, and exits 0 on SIGINT', async () => {
    const dataDir = tempDir();
    const run = serve(['--port', '0', '--sns-port', '0'], dataDir);
    cleanups.push(() => run.child.kill('SIGKILL'));

    const apiUrl = await untilReady(run);
    const runtimeFile = join(dataDir, 'runtime.json');
    const settings = JSON.parse(readFileSync(runtimeFile, 'utf8'));
    const watchlist = await fetch(`${apiUrl}/watchlist`, { headers: { 'x-api-key': settings.apiKey } });
    run.child.kill('SIGINT');
    const code = await run.exited;

    expect(settings).toMatchObject({ apiUrl, region: 'us-east-1', tableName: 'newswatch' });
    expect(Object.keys(settings).sort()).toEqual([
      'apiKey',
      'apiUrl',
      'dynamodbEndpoint',
      'region',
      'snsEndpoint',
      'sqsEndpoint',
      'streamDlqUrl',
      'tableName',
      'topicArn',
    ]);
    expect(watchlist.status).toBe(200);
    expect(run.stdout()).toContain(
      `newswatch: API key (admin, new each start; set NEWSWATCH_API_KEY to choose your own): ${settings.apiKey}\n`,
    );
    expect(code).toBe(0);
    expect(existsSync(runtimeFile)).toBe(false);
  });

  it('keeps serving when the reader of its stdout closes it, and still stops cleanly on SIGTERM', async () => {
    const dataDir = tempDir();
    const run = serve(['--port', '0', '--sns-port', '0'], dataDir);
    cleanups.push(() => run.child.kill('SIGKILL'));
    // `npm start | head -c 100`: the pipe is closed before serve writes its lines.
    run.child.stdout!.destroy();
    const runtimeFile = join(dataDir, 'runtime.json');
    await untilWritten(run, runtimeFile);
    const settings = JSON.parse(readFileSync(runtimeFile, 'utf8'));
    await new Promise((resolve) => setTimeout(resolve, 500));
    const stillRunning = run.child.exitCode === null;
    const watchlist = await fetch(`${settings.apiUrl}/watchlist`, { headers: { 'x-api-key': settings.apiKey } }).then(
      (response) => response.status,
      () => 'unreachable',
    );
    run.child.kill('SIGTERM');
    const code = await exitWithin(run, 20_000);

    expect(stillRunning).toBe(true);
    expect(watchlist).toBe(200);
    expect(code).toBe(0);
    expect(existsSync(runtimeFile)).toBe(false);
  });

  it('stops cleanly when its terminal is closed (SIGHUP), removing runtime.json', async () => {
    const dataDir = tempDir();
    const run = serve(['--port', '0', '--sns-port', '0'], dataDir);
    cleanups.push(() => run.child.kill('SIGKILL'));
    await untilReady(run);
    const runtimeFile = join(dataDir, 'runtime.json');

    run.child.kill('SIGHUP');
    const code = await exitWithin(run, 20_000);

    expect(code).toBe(0);
    expect(existsSync(runtimeFile)).toBe(false);
    expect(run.stderr()).toContain('SIGHUP received, stopping');
  });

  it('stops cleanly on SIGTERM when the reader closed stderr too (npm start 2>&1 | head -c 100)', async () => {
    const dataDir = tempDir();
    const run = serve(['--port', '0', '--sns-port', '0'], dataDir);
    cleanups.push(() => run.child.kill('SIGKILL'));
    run.child.stdout!.destroy();
    run.child.stderr!.destroy();
    const runtimeFile = join(dataDir, 'runtime.json');
    await untilWritten(run, runtimeFile);
    expect(existsSync(runtimeFile)).toBe(true);
    // The stop's "SIGTERM received, stopping" line goes to stderr: it must not end the stop half-way.
    run.child.kill('SIGTERM');
    const code = await exitWithin(run, 20_000);

    expect(code).toBe(0);
    expect(existsSync(runtimeFile)).toBe(false);
  });

  it('takes a NEWSWATCH_API_KEY shorter than 16 characters as the key, with a warning that does not show it', async () => {
    const dataDir = tempDir();
    const run = serve(['--port', '0', '--sns-port', '0'], dataDir, { NEWSWATCH_API_KEY: 'test-key' });
    cleanups.push(() => run.child.kill('SIGKILL'));

    const apiUrl = await untilReady(run);
    const withKey = await fetch(`${apiUrl}/watchlist`, { headers: { 'x-api-key': 'test-key' } });
    const withOther = await fetch(`${apiUrl}/watchlist`, { headers: { 'x-api-key': 'test-kez' } });
    run.child.kill('SIGTERM');
    const code = await run.exited;

    expect(withKey.status).toBe(200);
    expect(withOther.status).toBe(403);
    expect(run.stderr()).toContain('newswatch: warning: NEWSWATCH_API_KEY has 8 characters; taken,');
    expect(run.stdout() + run.stderr()).not.toContain('test-key');
    expect(code).toBe(0);
  });

  it('exits 1 naming NEWSWATCH_API_KEY, without showing it, when the key has a space at its end (no client could send it as it is)', async () => {
    const dataDir = tempDir();

    const run = serve(['--port', '0', '--sns-port', '0'], dataDir, { NEWSWATCH_API_KEY: 'secret-local-key ' });
    cleanups.push(() => run.child.kill('SIGKILL'));
    const code = await run.exited;

    expect(code).toBe(1);
    const lines = run.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^newswatch: NEWSWATCH_API_KEY: .*printable ASCII/);
    expect(run.stdout() + run.stderr()).not.toContain('secret-local-key');
  });

  it('keeps runtime.json readable by its owner only', async () => {
    const dataDir = tempDir();
    const run = serve(['--port', '0', '--sns-port', '0'], dataDir);
    cleanups.push(() => run.child.kill('SIGKILL'));

    await untilReady(run);
    const mode = statSync(join(dataDir, 'runtime.json')).mode & 0o777;
    run.child.kill('SIGTERM');

    expect(mode).toBe(0o600);
    expect(await run.exited).toBe(0);
  });

  it('explains a port in use in one line on stderr and exits non-zero', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => blocker.close());
    const port = (blocker.address() as { port: number }).port;

    const run = serve(['--port', String(port), '--sns-port', '0'], tempDir());
    const code = await run.exited;

    const lines = run.stderr().trim().split('\n');
    expect(code).not.toBe(0);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`port ${port}`);
    expect(lines[0]).toContain('already in use');
  });

  it('explains a corrupt data folder in one line on stderr and exits non-zero', async () => {
    const dataDir = tempDir();
    mkdirSync(join(dataDir, 'dynamodb'), { recursive: true });
    writeFileSync(join(dataDir, 'dynamodb', 'CURRENT'), 'not a manifest name\n');

    const run = serve(['--port', '0', '--sns-port', '0'], dataDir);
    const code = await run.exited;

    const lines = run.stderr().trim().split('\n');
    expect(code).not.toBe(0);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('is damaged (dynamodb/CURRENT does not name a manifest)');
  });

  // Each bad setting: exit 1 with one line naming the variable and the form it takes, before the data
  // folder is opened (it is never created). A port setting is given alone, without --port.
  it.each([
    [
      'a bad daily digest hour',
      { NEWSWATCH_DAILY_DIGEST_HOUR: '25' },
      'newswatch: NEWSWATCH_DAILY_DIGEST_HOUR: The daily digest hour must be a whole UTC hour from 0 to 23, not "25"',
    ],
    [
      'a whole-number setting in another form than decimal digits',
      { WATCHLIST_TTL_SECONDS: '1e1' },
      'newswatch: WATCHLIST_TTL_SECONDS must be a whole number from 0 to 3600, in decimal digits, not "1e1"',
    ],
    [
      'an on/off switch that is neither',
      { NEWSWATCH_DYNAMO_THREAD: 'flase' },
      'newswatch: NEWSWATCH_DYNAMO_THREAD must be off (off, false, 0, no) or on (on, true, 1, yes), not "flase"',
    ],
    [
      'a port setting that is not a port',
      { PORT: 'abc' },
      'newswatch: PORT must be a port number, a whole number from 0 to 65535, in decimal digits, not "abc"',
    ],
    [
      'a port setting in hexadecimal (PORT=0x0 is no port, not port 0)',
      { PORT: '0x0' },
      'newswatch: PORT must be a port number, a whole number from 0 to 65535, in decimal digits, not "0x0"',
    ],
  ])('refuses %s in one line naming it, before it opens the data folder', async (_what, env, line) => {
    const dataDir = join(tempDir(), 'data');
    const portArgs = 'PORT' in env ? [] : ['--port', '0'];
    const run = serve([...portArgs, '--sns-port', '0'], dataDir, env);
    cleanups.push(() => run.child.kill('SIGKILL'));

    const code = await exitWithin(run, 20_000);

    expect(code).toBe(1);
    expect(run.stderr().trim().split('\n')).toEqual([line]);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('refuses an empty --data-dir as a usage error (--data-dir "$DIR" with DIR unset), writing nothing in the current folder', async () => {
    const cwd = tempDir();
    const child = spawn(
      process.execPath,
      [join(root, 'bin/newswatch-cli.mjs'), 'serve', '--port', '0', '--sns-port', '0', '--data-dir', ''],
      {
        cwd,
        env: { ...process.env, NEWSWATCH_API_KEY: '', NEWSWATCH_DATA_DIR: '' },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    cleanups.push(() => child.kill('SIGKILL'));
    let stderr = '';
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const code = await exitWithin({ child, exited, stdout: () => '', stderr: () => stderr }, 15_000);

    expect(code).toBe(2);
    expect(stderr).toContain("option '--data-dir <dir>' argument '' is invalid. no folder given");
    expect(readdirSync(cwd)).toEqual([]);
  });

  // /proc is a pseudo file system: nothing can be created in it, and Node's recursive mkdir (as LevelDB
  // uses it) retries such a path for ever. The start must say so at once instead.
  it.each([
    ['NEWSWATCH_DATA_DIR', undefined, { NEWSWATCH_DATA_DIR: '/proc/nope' }],
    ['--data-dir', '/proc/nope', {}],
  ] as const)(
    'exits 1 in one line naming the setting when the data folder set with %s cannot be created',
    async (_setting, dataDir, env) => {
      const run = serve(['--port', '0', '--sns-port', '0'], dataDir, env);
      cleanups.push(() => run.child.kill('SIGKILL'));
      const code = await exitWithin(run, 15_000);

      expect(code).toBe(1);
      const lines = run.stderr().trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        /^newswatch: the data folder \/proc\/nope cannot be created \(E[A-Z]+: .*\): choose a folder with NEWSWATCH_DATA_DIR or --data-dir$/,
      );
      expect(run.stdout()).toBe('');
    },
  );

  it('exits 1 in one line, not calling it damaged, when the data folder exists but nothing can be written in it', async () => {
    const run = serve(['--port', '0', '--sns-port', '0'], '/proc');
    cleanups.push(() => run.child.kill('SIGKILL'));
    const code = await exitWithin(run, 15_000);

    expect(code).toBe(1);
    const lines = run.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^newswatch: the data folder \/proc cannot be written \(E[A-Z]+: .*\): choose a folder with NEWSWATCH_DATA_DIR or --data-dir$/,
    );
  });
});
