import { describe, expect, it } from 'vitest';
import { registerSubscriptionCommands } from '../../../functions/cli/commands/subscribe';
import { runAgainstFakeApi, useFakeApi } from '../../support/fake-api-cli';

/** `unsubscribe` checks the id with the API's own rule before sending anything. */
describe('newswatch unsubscribe', () => {
  const api = useFakeApi(() => new Response(null, { status: 204, headers: { 'x-newswatch': '1' } }));
  const run = (id: string) => runAgainstFakeApi(registerSubscriptionCommands, ['unsubscribe', id]);

  it('exits 2 naming <id>, sending nothing, when the id is not a subscription id', async () => {
    const code = await run('nope');

    expect(code).toBe(2);
    expect(api.err).toContain('<id>: is not a subscription id (sub_ and 32 hex digits)');
    expect(api.requests).toEqual([]);
  });

  it('deletes a well-formed id through the API', async () => {
    const id = `sub_${'0123456789abcdef'.repeat(2)}`;

    const code = await run(id);

    expect(code ?? 0).toBe(0);
    expect(api.requests).toEqual([`DELETE http://127.0.0.1:3999/subscriptions/${id}`]);
    expect(api.out).toBe(`unsubscribed ${id}\n`);
  });
});
