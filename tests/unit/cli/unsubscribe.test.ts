import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { registerSubscriptionCommands } from '../../../functions/cli/commands/subscribe';
import { captureOutput, type CapturedOutput } from '../../support/capture-output';

/** `unsubscribe` checks the id with the API's own rule before sending anything. */
describe('newswatch unsubscribe', () => {
  let output: CapturedOutput;
  let requests: string[];

  beforeEach(() => {
    output = captureOutput();
    requests = [];
    vi.stubEnv('NEWSWATCH_RUNTIME_FILE', '/nonexistent/newswatch-runtime.json');
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      requests.push(`${init.method} ${url}`);
      return new Response(null, { status: 204 });
    });
  });

  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
    vi.unstubAllGlobals();
    process.exitCode = undefined;
  });

  async function run(id: string): Promise<typeof process.exitCode> {
    const root = new Command('newswatch').exitOverride();
    registerSubscriptionCommands(root);
    await root.parseAsync(['node', 'newswatch', 'unsubscribe', id, '--url', 'http://127.0.0.1:3999', '--api-key', 'k']);
    return process.exitCode;
  }

  it('exits 2 naming <id>, sending nothing, when the id is not a subscription id', async () => {
    const code = await run('nope');

    expect(code).toBe(2);
    expect(output.err).toContain('<id>: is not a subscription id (sub_ and 32 hex digits)');
    expect(requests).toEqual([]);
  });

  it('deletes a well-formed id through the API', async () => {
    const id = `sub_${'0123456789abcdef'.repeat(2)}`;

    const code = await run(id);

    expect(code ?? 0).toBe(0);
    expect(requests).toEqual([`DELETE http://127.0.0.1:3999/subscriptions/${id}`]);
    expect(output.out).toBe(`unsubscribed ${id}\n`);
  });
});
