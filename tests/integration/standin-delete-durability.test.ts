/**
 * A delete the SNS/SQS stand-in acknowledged is on disk before its answer leaves, like a send or a
 * publish: a SIGKILL right after it cannot bring the message back. Deletes used to be saved 200 ms
 * later, and the chaos `sigkill` scenario got back every alert its consumer had deleted in that time.
 * Received but not deleted messages stay in the saved state (as visible): a crash makes them
 * receivable again, as an expired visibility timeout would.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { afterEach, describe, expect, it } from 'vitest';
import { type SnsStandin, startSnsStandin } from '../../functions/local/sns/sns-standin';
import { readStandinState } from '../../functions/local/sns/standin-state';

const REGION = 'us-east-1';
const QUEUE = 'durability-q';

/** The bodies the saved state holds for the queue, read at once (as a restart after a SIGKILL would). */
function savedBodies(file: string): string[] {
  const state = readStandinState(file, file);
  return (state?.queues.find((q) => q.name === QUEUE)?.messages ?? []).map((m) => m.body).sort();
}

describe('the SNS/SQS stand-in saving deletes', () => {
  let standin: SnsStandin | undefined;
  let sqs: SQSClient | undefined;
  afterEach(async () => {
    sqs?.destroy();
    await standin?.stop();
  });

  it('has an acknowledged delete on disk before the answer, a received one not deleted still saved', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'newswatch-standin-')), 'state.json');
    standin = await startSnsStandin({ port: 0, region: REGION, stateFile: file });
    sqs = new SQSClient({ endpoint: standin.endpoint, region: REGION, credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: QUEUE }));
    const bodies = ['a', 'b', 'c', 'd'];
    await sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: bodies.map((b) => ({ Id: b, MessageBody: b })) }));
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));
    expect(Messages.map((m) => m.Body).sort()).toEqual(bodies);
    const byBody = new Map(Messages.map((m) => [m.Body!, m.ReceiptHandle!]));

    await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: byBody.get('a')! }));
    const afterOne = savedBodies(file);
    await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl,
        Entries: ['b', 'c'].map((b) => ({ Id: b, ReceiptHandle: byBody.get(b)! })),
      }),
    );
    const afterBatch = savedBodies(file);

    expect(afterOne).toEqual(['b', 'c', 'd']);
    expect(afterBatch).toEqual(['d']);
  });
});
