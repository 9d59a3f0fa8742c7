import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { registerDigest } from '../../../functions/cli/commands/digest-command';
import { captureOutput, type CapturedOutput } from '../../support/capture-output';

/** `digest send` against a stand-in API that has no subscription of the asked delivery. */
describe('newswatch digest send', () => {
  let output: CapturedOutput;
  let sentBodies: unknown[];

  beforeEach(() => {
    output = captureOutput();
    sentBodies = [];
    vi.stubEnv('NEWSWATCH_RUNTIME_FILE', '/nonexistent/newswatch-runtime.json');
    vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
      sentBodies.push(JSON.parse(String(init.body)));
      return new Response('{"items":[]}', { status: 200, headers: { 'content-type': 'application/json' } });
    });
  });

  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
    vi.unstubAllGlobals();
    process.exitCode = undefined;
  });

  async function run(...args: string[]): Promise<void> {
    const root = new Command('newswatch').exitOverride();
    registerDigest(root);
    await root.parseAsync(['node', 'newswatch', 'digest', 'send', ...args, '--url', 'http://127.0.0.1:3999', '--api-key', 'k']);
  }

  it('says there are no daily subscriptions when only daily ones were asked for', async () => {
    await run('--delivery', 'daily');

    expect(sentBodies).toEqual([{ delivery: 'daily' }]);
    expect(output.out).toBe('no daily subscriptions\n');
  });

  it('says there are no hourly or daily subscriptions when both were asked for', async () => {
    await run();

    expect(sentBodies).toEqual([{}]);
    expect(output.out).toBe('no hourly or daily subscriptions\n');
  });
});
