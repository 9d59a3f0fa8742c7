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
    // One message, then an empty queue: what the stand-in answers while that message is in flight.
    sqsMock
      .on(ReceiveMessageCommand)
      .resolvesOnce({ Messages: [{ MessageId: 'm1', ReceiptHandle: 'r1', Body: '{}' }] })
      .resolves({ Messages: [] });
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
    expect(sqsMock.commandCalls(ReceiveMessageCommand).length).toBeLessThanOrEqual(4);
    expect(sqsMock.commandCalls(DeleteMessageBatchCommand)).toHaveLength(0);
  });
});

describe('feed polling with one feed that never answers', () => {
  beforeEach(() => {
    sqsMock.reset();
    sqsMock.on(DeleteMessageBatchCommand).resolves({});
  });

  it("polls another host's feeds meanwhile, as deployed pollers do, instead of waiting for the stuck one", async () => {
    const message = (id: string) => ({ MessageId: id, ReceiptHandle: `r-${id}`, Body: JSON.stringify({ feedId: id }) });
    sqsMock
      .on(ReceiveMessageCommand)
      .resolvesOnce({ Messages: [message('slow-host')] })
      .resolvesOnce({ Messages: [message('other-host')] })
      .resolves({ Messages: [] });
    const polled: string[] = [];
    const polling = startFeedPolling({
      sqs: new SQSClient({ region: 'us-east-1' }),
      queueUrl: 'http://127.0.0.1:1/000000000000/feeds.fifo',
      queueArn: 'arn:aws:sqs:us-east-1:000000000000:feeds.fifo',
      region: 'us-east-1',
      dispatcher: async () => undefined,
      poller: async (event: { Records: { body: string }[] }) => {
        const ids = event.Records.map((r) => JSON.parse(r.body).feedId as string);
        if (ids.includes('slow-host')) return new Promise(() => undefined);
        polled.push(...ids);
        return { batchItemFailures: [] };
      },
      intervalMs: 0,
      warn: () => undefined,
    });

    void polling.tick();
    await vi.waitFor(() => expect(polled).toEqual(['other-host']));

    expect(sqsMock.commandCalls(DeleteMessageBatchCommand)[0]?.args[0].input.Entries).toEqual([{ Id: '0', ReceiptHandle: 'r-other-host' }]);
  });
});
