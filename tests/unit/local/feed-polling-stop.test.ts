/**
 * Stopping the local runtime while a feed poll hangs (a server that accepts the connection and never
 * answers): the stop waits a moment for the round, not the fetch timeout of every such feed.
 */
import { DeleteMessageBatchCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { STOP_WAIT_MS, startFeedPolling } from '../../../functions/local/feeds/feed-polling';

const sqsMock = mockClient(SQSClient);

describe('stopping feed polling during a poll that never finishes', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    sqsMock.reset();
    sqsMock.on(ReceiveMessageCommand).resolves({ Messages: [{ MessageId: 'm1', ReceiptHandle: 'r1', Body: '{}' }] });
    sqsMock.on(DeleteMessageBatchCommand).resolves({});
  });
  afterEach(() => vi.useRealTimers());

  it('returns after STOP_WAIT_MS, says the unfinished feeds are polled again after the next start, and takes no further batch', async () => {
    const warnings: string[] = [];
    const polling = startFeedPolling({
      sqs: new SQSClient({ region: 'us-east-1' }),
      queueUrl: 'http://127.0.0.1:1/000000000000/feeds.fifo',
      queueArn: 'arn:aws:sqs:us-east-1:000000000000:feeds.fifo',
      region: 'us-east-1',
      dispatcher: async () => undefined,
      poller: () => new Promise(() => undefined),
      intervalMs: 0,
      warn: (line) => warnings.push(line),
    });
    void polling.tick();
    await vi.advanceTimersByTimeAsync(10);
    let stopped = false;

    void polling.stop().then(() => {
      stopped = true;
    });
    await vi.advanceTimersByTimeAsync(STOP_WAIT_MS - 100);
    const stoppedEarly = stopped;
    await vi.advanceTimersByTimeAsync(200);

    expect(stoppedEarly).toBe(false);
    expect(stopped).toBe(true);
    expect(warnings).toEqual([expect.stringContaining('polled again at the next start')]);
    expect(sqsMock.commandCalls(ReceiveMessageCommand)).toHaveLength(1);
  });
});
