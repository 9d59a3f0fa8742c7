import { describe, expect, it } from 'vitest';
import { registerSubscriptionCommands } from '../../../functions/cli/commands/subscribe';
import { runAgainstFakeApi, useFakeApi } from '../../support/fake-api-cli';

/** A 403 does not say whether the key is unknown, revoked or short of a scope: the hint names all three. */
describe('a command refused with 403', () => {
  const api = useFakeApi(
    () =>
      new Response(
        JSON.stringify({ error: { code: 'forbidden', message: 'This API key is unknown, revoked, or lacks the scope for this route' } }),
        { status: 403, headers: { 'x-newswatch': '1', 'content-type': 'application/json' } },
      ),
  );

  it('hints at an unknown or revoked key as well as a missing scope, not at the scope alone', async () => {
    const code = await runAgainstFakeApi(registerSubscriptionCommands, ['subscriptions']);

    expect(code).toBe(1);
    expect(api.err).toContain('hint: the API key is unknown or revoked');
    expect(api.err).toContain('or lacks the scope this command needs');
  });
});
