/**
 * `newswatch alerts tail` subscribes a temporary queue of its own (TAIL_QUEUE_PREFIX). When tail stops it
 * removes both; when the runtime stops first, or tail is killed, they would outlive it — and the stand-in
 * keeps queues and subscriptions across restarts. So the runtime removes what is left of them as it
 * starts and as it stops: the subscription record, its SNS subscription and the queue.
 */
import { DeleteQueueCommand, GetQueueUrlCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { TAIL_QUEUE_PREFIX } from '../core/runtime-info';

/** The queue name of an SQS ARN (`arn:aws:sqs:<region>:<account>:<name>`). */
const queueNameOf = (arn: string) => arn.split(':').pop() ?? '';

export async function removeTailLeftovers(sqs: SQSClient): Promise<number> {
  const { createDocumentClient, tableFromEnv } = await import('../adapters/table');
  const { createSnsClient } = await import('../adapters/sns');
  const { deleteSubscription, listSubscriptions } = await import('../adapters/subscription-repository');
  const { unsubscribe } = await import('../adapters/sns-subscriptions');
  const table = tableFromEnv(createDocumentClient());
  const sns = createSnsClient();
  try {
    const leftovers = (await listSubscriptions(table)).filter(
      (r) => r.protocol === 'sqs' && queueNameOf(r.endpoint).startsWith(TAIL_QUEUE_PREFIX),
    );
    for (const record of leftovers) {
      await unsubscribe(sns, record.subscriptionArn);
      await deleteSubscription(table, record.id);
      await deleteQueueNamed(sqs, queueNameOf(record.endpoint));
    }
    return leftovers.length;
  } finally {
    sns.destroy();
    table.doc.destroy();
  }
}

async function deleteQueueNamed(sqs: SQSClient, name: string): Promise<void> {
  try {
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: name }));
    await sqs.send(new DeleteQueueCommand({ QueueUrl }));
  } catch (error) {
    // Already gone (tail removed it, or it never got that far): nothing left to do.
    if (!/NonExistentQueue|QueueDoesNotExist/.test((error as Error).name)) throw error;
  }
}
