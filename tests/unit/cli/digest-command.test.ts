import { describe, expect, it } from 'vitest';
import { registerDigest } from '../../../functions/cli/commands/digest-command';
import { runAgainstFakeApi, useFakeApi } from '../../support/fake-api-cli';

/** `digest send` against a stand-in API that has no subscription of the asked delivery. */
describe('newswatch digest send', () => {
  const api = useFakeApi(() => new Response('{"items":[]}', { status: 200, headers: { 'content-type': 'application/json' } }));
  const run = (...args: string[]) => runAgainstFakeApi(registerDigest, ['digest', 'send', ...args]);

  it('says there are no daily subscriptions when only daily ones were asked for', async () => {
    await run('--delivery', 'daily');

    expect(api.bodies).toEqual([{ delivery: 'daily' }]);
    expect(api.out).toBe('no daily subscriptions\n');
  });

  it('says there are no hourly or daily subscriptions when both were asked for', async () => {
    await run();

    expect(api.bodies).toEqual([{}]);
    expect(api.out).toBe('no hourly or daily subscriptions\n');
  });
});
