import { describe, expect, it } from 'vitest';
import { registerSubscriptionCommands } from '../../../functions/cli/commands/subscribe';
import { runAgainstFakeApi, useFakeApi } from '../../support/fake-api-cli';

const ID = `sub_${'0123456789abcdef'.repeat(2)}`;
let status = 201;

/** `subscribe` says whether the API made the subscription or already had exactly this one. */
describe('newswatch subscribe', () => {
  const api = useFakeApi(
    () =>
      new Response(JSON.stringify({ id: ID, status: 'confirmed' }), {
        status,
        headers: { 'x-newswatch': '1', 'content-type': 'application/json' },
      }),
  );
  const run = () =>
    runAgainstFakeApi(registerSubscriptionCommands, [
      'subscribe',
      '--sqs',
      'arn:aws:sqs:us-east-1:000000000000:q',
      '--person',
      'viktor-bout',
    ]);

  it('prints "subscribed" when the API created the subscription (201)', async () => {
    status = 201;

    const code = await run();

    expect(code ?? 0).toBe(0);
    expect(api.out).toBe(`subscribed ${ID} (sqs, status: confirmed)\n`);
  });

  it('prints "already subscribed" when the API answers a repeat with the subscription it has (200)', async () => {
    status = 200;

    const code = await run();

    expect(code ?? 0).toBe(0);
    expect(api.out).toBe(`already subscribed ${ID} (sqs, status: confirmed)\n`);
  });

  it('says, against the local runtime, that an e-mail endpoint gets nothing, rather than that AWS sent a confirmation', async () => {
    status = 201;

    await runAgainstFakeApi(registerSubscriptionCommands, ['subscribe', '--email', 'analyst@example.com', '--person', 'viktor-bout']);

    expect(api.out).toContain('the local runtime delivers nothing to e-mail, SMS, HTTPS or Lambda endpoints');
    expect(api.out).not.toContain('AWS has sent');
  });
});
