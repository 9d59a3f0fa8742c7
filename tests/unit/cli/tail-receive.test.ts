import * as sqs from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { alertQueue, CONSUMED_VISIBILITY_SECONDS, tailReceiveSettings } from '../../../functions/cli/alerts/sqs-queue';

/** The ReceiveMessage input a tail sends, through a client that only records (no SQS involved). */
async function receiveInput(keep: boolean): Promise<Record<string, unknown>> {
  const sent: Array<{ input: Record<string, unknown> }> = [];
  const client = {
    send: async (command: { input: Record<string, unknown> }) => {
      sent.push(command);
      return {};
    },
  };
  const queue = alertQueue(client as never, sqs, 'https://sqs.eu-west-1.amazonaws.com/123456789012/q', tailReceiveSettings({ keep }));
  await queue.receive(new AbortController().signal);
  return sent[0]!.input;
}

describe('the receives of alerts tail --queue-url', () => {
  it('hide what a consuming tail receives for a short time, so a poll left by a stopped tail delays the next alert at most that long', async () => {
    const input = await receiveInput(false);

    expect(input).toMatchObject({ WaitTimeSeconds: 20, MaxNumberOfMessages: 10, VisibilityTimeout: CONSUMED_VISIBILITY_SECONDS });
    // Shorter than SQS's default visibility timeout (30 s), or the bound would buy nothing.
    expect(CONSUMED_VISIBILITY_SECONDS).toBeLessThan(30);
  });

  it("leave the queue's own visibility timeout with --keep, so kept messages do not come round every few seconds", async () => {
    const input = await receiveInput(true);

    expect(input).not.toHaveProperty('VisibilityTimeout');
  });
});
