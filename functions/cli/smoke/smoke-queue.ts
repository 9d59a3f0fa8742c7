import { createTailQueue, deleteQueue, sqsClient } from '../alerts/sqs-queue';
import { sqsProblem } from '../commands/alerts';
import { QUEUE_CAUSES_AWS, QUEUE_CAUSES_LOCAL } from './causes';
import type { QueuePort, SmokeQueue } from './run-smoke';
import type { SmokeTarget } from './target';

/** A queue policy statement: SNS may send to this queue, from the alerts topic (or, unknown, any topic of the account). */
export function queuePolicy(queueArn: string, topicArn: string | undefined): string {
  const [, partition, , region, account] = queueArn.split(':');
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AlertsTopicMaySend',
        Effect: 'Allow',
        Principal: { Service: 'sns.amazonaws.com' },
        Action: 'sqs:SendMessage',
        Resource: queueArn,
        Condition: { ArnLike: { 'aws:SourceArn': topicArn ?? `arn:${partition}:sns:${region}:${account}:*` } },
      },
    ],
  });
}

/** Messages waiting more than an hour are of no use to a smoke test (the queue is deleted anyway). */
const RETENTION_SECONDS = '3600';

/** The smoke run's own queue: in the local stand-in, or in the operator's AWS account with a policy for SNS. */
export async function smokeQueues(target: SmokeTarget): Promise<QueuePort> {
  const { client, sqs } = await sqsClient(target.sqs);
  return {
    async create(name): Promise<SmokeQueue> {
      const queue = await createTailQueue(client, sqs, name);
      if (!target.local) {
        const Attributes = { Policy: queuePolicy(queue.arn, target.topicArn), MessageRetentionPeriod: RETENTION_SECONDS };
        await client.send(new sqs.SetQueueAttributesCommand({ QueueUrl: queue.url, Attributes }));
      }
      return queue;
    },
    async receive(queue, waitSeconds) {
      const out = await client.send(
        new sqs.ReceiveMessageCommand({ QueueUrl: queue.url, MaxNumberOfMessages: 10, WaitTimeSeconds: waitSeconds }),
      );
      return (out.Messages ?? []).flatMap((m) => (m.Body === undefined ? [] : [m.Body]));
    },
    remove: (queue) => deleteQueue(client, sqs, queue.url),
    causes: (error) => [sqsProblem(error), ...(target.local ? QUEUE_CAUSES_LOCAL : QUEUE_CAUSES_AWS)],
  };
}
