/**
 * A damaged data folder is refused at start, as `npm start` runs it (`newswatch serve` in a child
 * process): one line naming the damaged file and how to recover, exit 1, no ready line — and every
 * file left exactly as it was. The folder is a real one, written by two runs of the runtime (so it has
 * a table file, a manifest and a write-ahead log spanning more than one 32 KiB block).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  appendFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalRuntime } from '../../functions/local/runtime';

const root = fileURLToPath(new URL('../..', import.meta.url));
const READY = /newswatch ready on /;
const SERVE_TIMEOUT_MS = 90_000;

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `newswatch serve` on the folder until it exits, or until it is ready (then stops it). */
function serve(dataDir: string): Promise<Outcome> {
  const child = spawn(process.execPath, ['bin/newswatch-cli.mjs', 'serve', '--data-dir', dataDir, '--port', '0', '--sns-port', '0'], {
    cwd: root,
    env: { ...process.env, NEWSWATCH_API_KEY: '', NEWSWATCH_DEBUG: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => {
    stdout += chunk;
    if (READY.test(stdout)) child.kill('SIGTERM');
  });
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

/** Every file under the folder with a hash of its bytes: what "nothing deleted or rewritten" means. */
function fingerprint(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else files[relative(dir, path)] = createHash('sha256').update(readFileSync(path)).digest('hex');
    }
  };
  walk(dir);
  return files;
}

/** Articles per round: enough that one run's write-ahead log spans more than one 32 KiB block. */
const ARTICLES_PER_ROUND = 10;

const post = (apiUrl: string, apiKey: string, round: number) =>
  fetch(`${apiUrl}/articles`, {
    method: 'POST',
    headers: { 'x-api-key': apiKey, 'content-type': 'application/json' },
    body: JSON.stringify({
      articles: Array.from({ length: ARTICLES_PER_ROUND }, (_, n) => ({
        id: `damage-${round}-${n}`,
        title: `Viktor Bout ${round} ${n}`,
        body: 'Viktor Bout, the Russian arms dealer, asked the court again.',
        url: `https://example.com/damage/${round}/${n}`,
      })),
    }),
  });

describe('a damaged data folder', () => {
  const temp = mkdtempSync(join(tmpdir(), 'newswatch-damage-'));
  const intact = join(temp, 'intact');
  let copies = 0;

  beforeAll(async () => {
    let ports = { port: 0, snsPort: 0, dynamodbPort: 0 };
    // Two runs: the first one's log becomes a table file when the second opens the folder.
    for (const round of [1, 2]) {
      const runtime = await startLocalRuntime({ dataDir: intact, ...ports, warn: () => undefined });
      ports = {
        port: Number(new URL(runtime.apiUrl).port),
        snsPort: Number(new URL(runtime.snsEndpoint).port),
        dynamodbPort: Number(new URL(runtime.dynamodbEndpoint).port),
      };
      expect((await post(runtime.apiUrl, runtime.apiKey, round)).status).toBe(200);
      await runtime.streamIdle();
      await runtime.stop();
    }
  }, 120_000);
  afterAll(() => rmSync(temp, { recursive: true, force: true }));

  /** A copy of the intact folder, damaged by `damage`. */
  function damaged(damage: (dataDir: string, file: (ext: string) => string) => void): string {
    const dataDir = join(temp, `copy-${++copies}`);
    cpSync(intact, dataDir, { recursive: true });
    const file = (ext: string) => join(dataDir, 'dynamodb', readdirSync(join(dataDir, 'dynamodb')).find((f) => f.endsWith(ext))!);
    damage(dataDir, file);
    return dataDir;
  }

  /** Refused in one line naming `what`, exit 1, never ready, and not one file changed. */
  async function expectRefused(dataDir: string, what: RegExp): Promise<void> {
    const before = fingerprint(dataDir);
    const outcome = await serve(dataDir);
    const lines = outcome.stderr.trim().split('\n');
    expect(outcome.stdout).not.toMatch(READY);
    expect(outcome.code).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`newswatch: the data folder ${dataDir}/ is damaged (`);
    expect(lines[0]).toMatch(what);
    expect(lines[0]).toContain(`move it aside (mv ${dataDir} ${dataDir}.damaged) to start fresh, or restore a backup`);
    expect(fingerprint(dataDir)).toEqual(before);
  }

  it('has a table file, a manifest and a write-ahead log over more than one block to damage', () => {
    const files = readdirSync(join(intact, 'dynamodb'));
    const log = files.find((f) => f.endsWith('.log'))!;

    expect(files.some((f) => f.endsWith('.ldb'))).toBe(true);
    expect(files.some((f) => f.startsWith('MANIFEST-'))).toBe(true);
    expect(statSync(join(intact, 'dynamodb', log)).size).toBeGreaterThan(32_768);
  });

  it(
    'starts from the intact folder, also when a crash tore the last line of the stream capture',
    async () => {
      const dataDir = damaged((dir) => {
        mkdirSync(join(dir, 'stream'), { recursive: true });
        appendFileSync(join(dir, 'stream', 'pending.jsonl'), '{"record":{"eventName":"INS');
      });

      const outcome = await serve(dataDir);

      expect(outcome.stdout).toMatch(READY);
      expect(outcome.code).toBe(0);
    },
    SERVE_TIMEOUT_MS,
  );

  it(
    'refuses a folder whose LevelDB CURRENT file was deleted',
    async () => {
      const dataDir = damaged((dir) => rmSync(join(dir, 'dynamodb', 'CURRENT')));

      await expectRefused(dataDir, /\(dynamodb\/CURRENT is missing\)/);
    },
    SERVE_TIMEOUT_MS,
  );

  it(
    'refuses a truncated write-ahead log',
    async () => {
      const dataDir = damaged((_dir, file) => {
        const log = file('.log');
        truncateSync(log, statSync(log).size - 3);
      });

      await expectRefused(dataDir, /dynamodb\/\d+\.log ends inside a record/);
    },
    SERVE_TIMEOUT_MS,
  );

  it(
    'refuses a write-ahead log with noise appended',
    async () => {
      const dataDir = damaged((_dir, file) => appendFileSync(file('.log'), Buffer.from('bytes that are no LevelDB record at all')));

      await expectRefused(dataDir, /dynamodb\/\d+\.log (holds|ends)/);
    },
    SERVE_TIMEOUT_MS,
  );

  it(
    'refuses a table file with overwritten bytes',
    async () => {
      const dataDir = damaged((_dir, file) => {
        const table = file('.ldb');
        const bytes = readFileSync(table);
        bytes.fill(0x5a, 100, 116);
        writeFileSync(table, bytes);
      });

      await expectRefused(dataDir, /dynamodb\/\d+\.ldb has a block whose checksum does not match/);
    },
    SERVE_TIMEOUT_MS,
  );

  it(
    'refuses a table file cut short',
    async () => {
      const dataDir = damaged((_dir, file) => {
        const table = file('.ldb');
        truncateSync(table, Math.floor(statSync(table).size / 2));
      });

      await expectRefused(dataDir, /dynamodb\/\d+\.ldb is \d+ bytes, the manifest says \d+/);
    },
    SERVE_TIMEOUT_MS,
  );

  it(
    "refuses an SNS/SQS stand-in state file that is not JSON, or not the stand-in's state",
    async () => {
      const torn = damaged((dir) => writeFileSync(join(dir, 'sns', 'state.json'), '{"version":1,"topics":[{"na'));
      const foreign = damaged((dir) => writeFileSync(join(dir, 'sns', 'state.json'), '{"version":1,"topics":"none"}'));

      await expectRefused(torn, /\(sns\/state\.json is not JSON\)/);
      await expectRefused(foreign, /\(sns\/state\.json is not the SNS\/SQS stand-in's state\)/);
    },
    2 * SERVE_TIMEOUT_MS,
  );

  it(
    'refuses a stream capture with a line that is not a stream record',
    async () => {
      const dataDir = damaged((dir) => {
        mkdirSync(join(dir, 'stream'), { recursive: true });
        writeFileSync(join(dir, 'stream', 'pending.jsonl'), '{"ack":"1"}\nnot a record\n{"ack":"2"}\n');
      });

      await expectRefused(dataDir, /\(stream\/pending\.jsonl line 2 is not JSON\)/);
    },
    SERVE_TIMEOUT_MS,
  );
});
