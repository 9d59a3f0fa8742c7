import { Command } from 'commander';
import { afterEach, beforeEach, vi } from 'vitest';

/** Where the commands under test are pointed; nothing listens there (`fetch` is stubbed). */
export const FAKE_API_URL = 'http://127.0.0.1:3999';

/** What the commands of one test wrote and sent. */
export interface FakeApiRecord {
  out: string;
  err: string;
  /** Each request as "METHOD url". */
  requests: string[];
  /** Each request's JSON body, parsed. */
  bodies: unknown[];
}

/**
 * For tests that run `newswatch` commands in process against a fake API: registers hooks on the calling
 * `describe` that capture stdout and stderr, hide any local runtime, and answer every `fetch` with
 * `answer()`. The record returned is emptied before each test.
 */
export function useFakeApi(answer: () => Response): FakeApiRecord {
  const record: FakeApiRecord = { out: '', err: '', requests: [], bodies: [] };
  beforeEach(() => {
    Object.assign(record, { out: '', err: '', requests: [], bodies: [] });
    vi.spyOn(process.stdout, 'write').mockImplementation((text) => {
      record.out += String(text);
      return true;
    });
    vi.spyOn(process.stderr, 'write').mockImplementation((text) => {
      record.err += String(text);
      return true;
    });
    vi.stubEnv('NEWSWATCH_RUNTIME_FILE', '/nonexistent/newswatch-runtime.json');
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      record.requests.push(`${init.method} ${url}`);
      if (init.body !== undefined) record.bodies.push(JSON.parse(String(init.body)));
      return answer();
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
    vi.unstubAllGlobals();
    process.exitCode = undefined;
  });
  return record;
}

/** An `answer` for useFakeApi: 200 with `body` as JSON. */
export const answerJson = (body: unknown) => (): Response =>
  new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });

/** Runs `newswatch ARGS` with the commands `register` adds, against the fake API: its exit code (undefined: 0). */
export async function runAgainstFakeApi(register: (program: Command) => void, args: string[]): Promise<typeof process.exitCode> {
  const program = new Command('newswatch').exitOverride();
  register(program);
  await program.parseAsync(['node', 'newswatch', ...args, '--url', FAKE_API_URL, '--api-key', 'k']);
  return process.exitCode;
}
