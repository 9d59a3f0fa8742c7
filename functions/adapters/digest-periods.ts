import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from './table-keys';
import { sendIfCondition, type Table } from './table';

// A subscription's digest period lives on its item: `lastDigestAt` (where the next period starts) and,
// while a run sends a period, `digestInFlightFrom` and `digestInFlightTo` (its start and end) and
// `digestClaimedAt`. The end is kept apart from lastDigestAt: code from before the mark, rolled back to,
// moves lastDigestAt on without looking at it, and the period must still resume as it was claimed.
// Every write here is conditional, so two runs never both own one period.

const NOT_IN_FLIGHT = 'attribute_not_exists(digestClaimedAt)';

/** The parts of an UpdateCommand that differ between the writes below. */
interface PeriodUpdate {
  UpdateExpression: string;
  ConditionExpression: string;
  ExpressionAttributeValues: Record<string, string>;
}

/** Updates a subscription's item if the condition holds: false when it did not. */
function updateSubscriptionIf(table: Table, subscriptionId: string, update: PeriodUpdate): Promise<boolean> {
  return sendIfCondition(table, new UpdateCommand({ TableName: table.name, Key: keys.subscription(subscriptionId), ...update }));
}

/**
 * Moves a subscription's digest period on, only if nobody else did since `previous` (a timer and a
 * `digest send` at the same moment send one digest, not two). With `claimedAt`, the period is marked in
 * flight: its digest is about to be published, and the mark stays until settleDigest or putBackDigest.
 * Returns false when someone else moved it, or another period is in flight.
 */
export async function advanceDigest(
  table: Table,
  subscriptionId: string,
  previous: string | undefined,
  next: string,
  claim?: { from: string; claimedAt: string },
): Promise<boolean> {
  const moved = previous === undefined ? 'attribute_exists(pk) AND attribute_not_exists(lastDigestAt)' : 'lastDigestAt = :prev';
  return updateSubscriptionIf(table, subscriptionId, {
    UpdateExpression: `SET lastDigestAt = :next${claim ? ', digestInFlightFrom = :from, digestInFlightTo = :next, digestClaimedAt = :at' : ''}`,
    ConditionExpression: `${moved} AND ${NOT_IN_FLIGHT}`,
    ExpressionAttributeValues: {
      ':next': next,
      ...(previous !== undefined && { ':prev': previous }),
      ...(claim && { ':from': claim.from, ':at': claim.claimedAt }),
    },
  });
}

/** Takes over a period left in flight by a run claimed at `claimedAt` (one taker wins): false if someone else did. */
export async function takeOverDigest(table: Table, subscriptionId: string, claimedAt: string, now: string): Promise<boolean> {
  return updateSubscriptionIf(table, subscriptionId, {
    UpdateExpression: 'SET digestClaimedAt = :now',
    ConditionExpression: 'digestClaimedAt = :claimed',
    ExpressionAttributeValues: { ':now': now, ':claimed': claimedAt },
  });
}

/** The in-flight period's digest is out: clears the mark (only our own claim). */
export async function settleDigest(table: Table, subscriptionId: string, claimedAt: string): Promise<boolean> {
  return updateSubscriptionIf(table, subscriptionId, {
    UpdateExpression: 'REMOVE digestInFlightFrom, digestInFlightTo, digestClaimedAt',
    ConditionExpression: 'digestClaimedAt = :claimed',
    ExpressionAttributeValues: { ':claimed': claimedAt },
  });
}

/** The in-flight period's digest was not published: the period starts at `from` again, for the next run (only our own claim). */
export async function putBackDigest(table: Table, subscriptionId: string, claimedAt: string, from: string): Promise<boolean> {
  return updateSubscriptionIf(table, subscriptionId, {
    UpdateExpression: 'SET lastDigestAt = :from REMOVE digestInFlightFrom, digestInFlightTo, digestClaimedAt',
    ConditionExpression: 'digestClaimedAt = :claimed',
    ExpressionAttributeValues: { ':claimed': claimedAt, ':from': from },
  });
}
