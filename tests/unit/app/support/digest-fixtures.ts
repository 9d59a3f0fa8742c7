import { writeItems } from '../../../../functions/adapters/story-repository';
import { saveSubscription } from '../../../../functions/adapters/subscription-repository';
import { keys } from '../../../../functions/adapters/table-keys';
import type { SnsClient } from '../../../../functions/adapters/sns';
import type { Table } from '../../../../functions/adapters/table';

export const TOPIC = 'arn:aws:sns:us-east-1:000000000000:alerts';

/** One digest Publish: the subscription it is addressed to (its filter attribute) and its alertId. */
export interface PublishedDigest {
  subscriptionId: string;
  alertId: string;
}

/**
 * An SNS client whose Publish asks `outcome` first: 'fail' throws (SNS throttling), anything else
 * publishes (recorded in `published`). `outcome` may also start a table outage, as one during a run would.
 */
export function fakeSns(published: PublishedDigest[], outcome: (digest: PublishedDigest) => 'fail' | 'ok' = () => 'ok'): SnsClient {
  class PublishCommand {
    constructor(readonly input: { MessageAttributes: Record<string, { StringValue: string }> }) {}
  }
  const client = {
    send: async (command: PublishCommand) => {
      const attributes = command.input.MessageAttributes;
      const subscriptionId = Object.values(attributes).find((a) => a.StringValue.startsWith('sub_'))?.StringValue ?? '';
      const digest = { subscriptionId, alertId: attributes.alertId!.StringValue };
      if (outcome(digest) === 'fail') throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottledException' });
      published.push(digest);
      return { MessageId: `m-${published.length}` };
    },
  };
  return { ready: async () => ({ sdk: { PublishCommand }, client }), destroy: () => {} } as unknown as SnsClient;
}

/** A digest subscription (over SQS, hourly unless told) following Brittney Griner unless told, made at `createdAt`. */
export async function subscribeDigest(
  table: Table,
  id: string,
  createdAt: string,
  { delivery = 'hourly', people = ['brittney-griner'] }: { delivery?: 'hourly' | 'daily'; people?: string[] } = {},
): Promise<void> {
  await saveSubscription(table, {
    id,
    protocol: 'sqs',
    endpoint: `arn:aws:sqs:us-east-1:000000000000:${id}`,
    people,
    topics: [],
    subscriptionArn: `arn:aws:sns:us-east-1:000000000000:alerts:${id}`,
    pending: false,
    createdAt,
    delivery,
  });
}

/** A digest index entry: an article naming Brittney Griner, ingested at `ingestedAt` (in the index's `shard`). */
export async function matchGriner(table: Table, articleId: string, ingestedAt: string, shard = 0): Promise<void> {
  await writeItems(table, [
    {
      ...keys.match(ingestedAt.slice(0, 13), shard, ingestedAt, articleId),
      kind: 'match',
      articleId,
      storyId: `story-${articleId}`,
      ingestedAt,
      people: ['brittney-griner'],
      topics: [],
      scores: {},
    },
  ]);
}
