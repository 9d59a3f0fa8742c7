/**
 * The SNS/SQS stand-in starts again with whatever its saved state holds, however many messages wait
 * in a queue nobody reads (a bulk `newswatch push` can leave a subscriber's queue with 150,000 alerts).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateQueueCommand, GetQueueAttributesCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, describe, expect, it } from 'vitest';
import { type SnsStandin, startSnsStandin } from '../../functions/local/sns/sns-standin';

const REGION = 'us-east-1';
const WAITING = 150_000;
const credentials = { accessKeyId: 'x', secretAccessKey: 'x' };

describe('the SNS/SQS stand-in restarting with a long queue', () => {
  const dir = mkdtempSync(join(tmpdir(), 'newswatch-long-queue-'));
  const file = join(dir, 'state.json');
  let standin: SnsStandin | undefined;
  let sqs: SQSClient | undefined;
  afterAll(async () => {
    sqs?.destroy();
    await standin?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`starts with the ${WAITING} messages its saved state holds, all still waiting`, async () => {
    standin = await startSnsStandin({ port: 0, region: REGION, stateFile: file });
    sqs = new SQSClient({ endpoint: standin.endpoint, region: REGION, credentials });
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'unread' }));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'alert' }));
    sqs.destroy();
    await standin.stop();
    const state = JSON.parse(readFileSync(file, 'utf8'));
    const [saved] = state.queues[0].messages;
    state.queues[0].messages = Array.from({ length: WAITING }, (_, i) => ({ ...saved, messageId: `m-${i}` }));
    writeFileSync(file, JSON.stringify(state));

    standin = await startSnsStandin({ port: 0, region: REGION, stateFile: file });
    sqs = new SQSClient({ endpoint: standin.endpoint, region: REGION, credentials });
    const { QueueUrl: again } = await sqs.send(new CreateQueueCommand({ QueueName: 'unread' }));
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: again, AttributeNames: ['ApproximateNumberOfMessages'] }),
    );

    expect(Attributes?.ApproximateNumberOfMessages).toBe(String(WAITING));
  });
});
