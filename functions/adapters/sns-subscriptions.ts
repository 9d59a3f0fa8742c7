import { EndpointAlreadySubscribed, EndpointRefused } from '../core/errors';
import type { FilterPolicy } from '../core/filter-policy';
import type { Protocol } from '../core/subscription-policy';
import type { SnsClient } from './sns';

/** Protocols whose endpoint must confirm before SNS delivers to it. */
const NEEDS_CONFIRMATION: ReadonlySet<Protocol> = new Set(['email', 'https']);

export async function subscribe(
  sns: SnsClient,
  topicArn: string,
  protocol: Protocol,
  endpoint: string,
  policy: FilterPolicy | undefined,
  deadLetterArn?: string,
): Promise<{ subscriptionArn: string; pending: boolean }> {
  const attributes: Record<string, string> = {
    ...(policy && { FilterPolicy: JSON.stringify(policy), FilterPolicyScope: 'MessageAttributes' }),
    ...(deadLetterArn && { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: deadLetterArn }) }),
  };
  const { sdk, client } = await sns.ready();
  const out = await client
    .send(
      new sdk.SubscribeCommand({
        TopicArn: topicArn,
        Protocol: protocol,
        Endpoint: endpoint,
        ReturnSubscriptionArn: true,
        ...(Object.keys(attributes).length > 0 && { Attributes: attributes }),
      }),
    )
    .catch((error: unknown) => {
      if (isAlreadySubscribed(error)) throw alreadySubscribed();
      if (isEndpointRefused(error)) throw endpointRefused(protocol);
      throw error;
    });
  const arn = out.SubscriptionArn ?? 'pending confirmation';
  return { subscriptionArn: arn, pending: NEEDS_CONFIRMATION.has(protocol) || !isSubscriptionArn(arn) };
}

/**
 * Whether SNS gave a subscription's ARN: until an email or HTTPS endpoint confirms, SNS names none
 * ("pending confirmation"), so there is nothing to ask about, remove or claim.
 */
export const isSubscriptionArn = (subscriptionArn: string): boolean => subscriptionArn.startsWith('arn:');

/** SNS's answer to a second subscription of one endpoint with other attributes (filter policy, delivery). */
function isAlreadySubscribed(error: unknown): boolean {
  const { name, message } = error as { name?: string; message?: string };
  return name === 'InvalidParameterException' && /already exists/i.test(message ?? '');
}

/** SNS's answer to an endpoint it will not subscribe (bad or missing queue/function ARN): the caller's to fix. */
function isEndpointRefused(error: unknown): boolean {
  const { name } = error as { name?: string };
  return name === 'InvalidParameterException' || name === 'NotFoundException';
}

/** A 400 naming the field; neither the endpoint nor SNS's own text is echoed (both hold the client's input). */
function endpointRefused(protocol: Protocol): EndpointRefused {
  const what =
    protocol === 'sqs'
      ? 'no such SQS queue (create it first, in the region and account of the alerts topic)'
      : `SNS does not accept this ${protocol} endpoint`;
  return new EndpointRefused(`The endpoint was refused: ${what}`, [{ path: 'endpoint', message: what }]);
}

export function alreadySubscribed(existingId?: string): EndpointAlreadySubscribed {
  const which = existingId ? ` (${existingId})` : '';
  return new EndpointAlreadySubscribed(
    `This endpoint already has a subscription${which}: one subscription per endpoint; delete it first to change what it follows or how it is delivered`,
    [{ path: 'endpoint', message: `already subscribed${which}` }],
  );
}

/** 'pending' | 'confirmed', or 'gone' when SNS no longer knows it (unconfirmed subscriptions expire after 3 days). */
export async function subscriptionState(sns: SnsClient, subscriptionArn: string): Promise<'pending' | 'confirmed' | 'gone'> {
  if (!isSubscriptionArn(subscriptionArn)) return 'pending';
  const { sdk, client } = await sns.ready();
  try {
    const out = await client.send(new sdk.GetSubscriptionAttributesCommand({ SubscriptionArn: subscriptionArn }));
    return out.Attributes?.PendingConfirmation === 'true' ? 'pending' : 'confirmed';
  } catch (error) {
    if ((error as { name?: string }).name === 'NotFoundException') return 'gone';
    throw error;
  }
}

/** Removes the SNS subscription; one SNS already forgot (or never confirmed) counts as removed. */
export async function unsubscribe(sns: SnsClient, subscriptionArn: string): Promise<void> {
  if (!isSubscriptionArn(subscriptionArn)) return;
  const { sdk, client } = await sns.ready();
  try {
    await client.send(new sdk.UnsubscribeCommand({ SubscriptionArn: subscriptionArn }));
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name !== 'NotFoundException' && name !== 'InvalidParameterException') throw error;
  }
}
