/**
 * A consumer that stops mid long poll (Ctrl-C on `newswatch alerts tail --queue-url`, an aborted SDK
 * call) must not take the next message with it. fauxqs kept the abandoned poll registered, handed it the
 * next message and answered into the closed socket: the message stayed in flight for nobody until its
 * visibility timeout (30 s) ran out, so a tail restarted at once saw the next alert 30 s late.
 */
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type SnsStandin, startSnsStandin } from '../../functions/local/sns/sns-standin';

const REGION = 'us-east-1';
const LONG_POLL_SECONDS = 20;
/** The counters below change within milliseconds; this only bounds a hang on a loaded machine. */
const NOTICE = { timeout: 10_000, interval: 20 };

describe('a receive whose caller hung up', () => {
  let standin: SnsStandin | undefined;
  let sqs: SQSClient | undefined;
  afterEach(async () => {
    sqs?.destroy();
    await standin?.stop();
  });

  async function queueWithAbandonedPoll(): Promise<{ queueUrl: string; standin: SnsStandin; sqs: SQSClient }> {
    standin = await startSnsStandin({ port: 0, region: REGION });
    sqs = new SQSClient({ endpoint: standin.endpoint, region: REGION, credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'tail-q' }));
    const stop = new AbortController();
    const poll = sqs
      .send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: LONG_POLL_SECONDS, MaxNumberOfMessages: 10 }), {
        abortSignal: stop.signal,
      })
      .catch((error: Error) => error.name);
    const s = standin;
    await vi.waitFor(() => expect(s.receives.receives).toBe(1), NOTICE);
    stop.abort();
    expect(await poll).toBe('AbortError');
    await vi.waitFor(() => expect(s.receives.hungUp).toBe(1), NOTICE);
    return { queueUrl: QueueUrl!, standin: s, sqs };
  }

  it('leaves the next message visible, received by the next consumer at once and counted once', async () => {
    const { queueUrl, standin, sqs } = await queueWithAbandonedPoll();
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'the next alert' }));

    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: queueUrl,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    expect(Attributes).toMatchObject({ ApproximateNumberOfMessages: '1', ApproximateNumberOfMessagesNotVisible: '0' });
    // No wait: before the fix this came back empty (the message was in flight for the vanished poll).
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 0, MessageSystemAttributeNames: ['ApproximateReceiveCount'] }),
    );
    expect(Messages.map((m) => [m.Body, m.Attributes?.ApproximateReceiveCount])).toEqual([['the next alert', '1']]);
    expect(standin.receives.messagesReturned).toBe(1);
  });

  it('hands the message to a long poll that was already waiting beside the abandoned one', async () => {
    const { queueUrl, standin, sqs } = await queueWithAbandonedPoll();
    // The abandoned poll is older, so fauxqs wakes it first; the new one must still end up with the message.
    const waiting = sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: LONG_POLL_SECONDS }));
    await vi.waitFor(() => expect(standin.receives.receives).toBe(2), NOTICE);
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'while both waited' }));
    let received = (await waiting).Messages ?? [];
    // fauxqs answers a woken poll that found nothing with an empty list, as SQS may; a consumer polls again.
    if (received.length === 0) {
      received = (await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: LONG_POLL_SECONDS }))).Messages ?? [];
    }
    expect(received.map((m) => m.Body)).toEqual(['while both waited']);
  });
});
