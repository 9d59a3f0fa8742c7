import { describe, expect, it } from 'vitest';
import { registerDigest } from '../../../functions/cli/commands/digest-command';
import { answerJson, runAgainstFakeApi, useFakeApi } from '../../support/fake-api-cli';

/** `digest send` against a stand-in API that has no subscription of the asked delivery. */
describe('newswatch digest send', () => {
  const api = useFakeApi(answerJson({ items: [] }));
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

/** The one period of a stand-in API's one subscription, not sent (what became of it is added per test). */
const unsentPeriod = {
  subscriptionId: 'sub_4eb5bc69cb2648a99cbf43768f6bc3b3',
  delivery: 'hourly',
  periodStart: '2026-11-30T18:34:47.270Z',
  periodEnd: '2026-11-30T18:37:05.000Z',
  stories: 0,
  sent: false,
};

/** `digest send` against a stand-in API whose one subscription has a period another run holds in flight. */
describe('newswatch digest send, a period in flight', () => {
  const api = useFakeApi(answerJson({ items: [{ ...unsentPeriod, inFlight: true }] }));

  it('says the period is in flight and sent after its lease, not that there is nothing to send', async () => {
    const code = await runAgainstFakeApi(registerDigest, ['digest', 'send']);

    expect(code ?? 0).toBe(0);
    expect(api.out).toContain('in flight (a run after its 15-minute lease sends it)');
    expect(api.out).not.toContain('nothing to send');
  });
});

/** `digest send` against a stand-in API whose one subscription's digest could not be published. */
describe('newswatch digest send, a failed period', () => {
  const api = useFakeApi(answerJson({ items: [{ ...unsentPeriod, failed: true, error: 'ThrottlingException: rate exceeded' }] }));

  it('says a later run sends it, without promising the very next one (the put-back may have failed too), and exits 1', async () => {
    const code = await runAgainstFakeApi(registerDigest, ['digest', 'send']);

    expect(api.out).toContain('failed (a later run sends it)');
    expect(code).toBe(1);
  });

  it('exits 1 with --json too', async () => {
    const code = await runAgainstFakeApi(registerDigest, ['digest', 'send', '--json']);

    expect(JSON.parse(api.out).items[0].failed).toBe(true);
    expect(code).toBe(1);
  });
});

/** `digest send` against a stand-in API whose one subscription's period another run moved on at the same moment. */
describe('newswatch digest send, a period another run took', () => {
  const api = useFakeApi(answerJson({ items: [{ ...unsentPeriod, otherRun: true }] }));

  it('says the other run took it, not that there is nothing to send, and exits 0', async () => {
    const code = await runAgainstFakeApi(registerDigest, ['digest', 'send']);

    expect(api.out).toContain('taken by another run at the same time');
    expect(api.out).not.toContain('nothing to send');
    expect(code).toBe(0);
  });
});
