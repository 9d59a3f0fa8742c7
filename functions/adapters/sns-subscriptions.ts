import { GetSubscriptionAttributesCommand, SubscribeCommand, UnsubscribeCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { FilterPolicy, Protocol } from '../core/subscription-policy';

/** Protocols whose endpoint must confirm before SNS delivers to it. */
const NEEDS_CONFIRMATION: ReadonlySet<Protocol> = new Set(['email', 'https']);

export async function subscribe(
  sns: SNSClient,
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
  const out = await sns.send(
    new SubscribeCommand({
      TopicArn: topicArn,
      Protocol: protocol,
      Endpoint: endpoint,
      ReturnSubscriptionArn: true,
      ...(Object.keys(attributes).length > 0 && { Attributes: attributes }),
    }),
  );
  const arn = out.SubscriptionArn ?? 'pending confirmation';
  return { subscriptionArn: arn, pending: NEEDS_CONFIRMATION.has(protocol) || !arn.startsWith('arn:') };
}

/** 'pending' | 'confirmed', or 'gone' when SNS no longer knows it (unconfirmed subscriptions expire after 3 days). */
export async function subscriptionState(sns: SNSClient, subscriptionArn: string): Promise<'pending' | 'confirmed' | 'gone'> {
  if (!subscriptionArn.startsWith('arn:')) return 'pending';
  try {
    const out = await sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: subscriptionArn }));
    return out.Attributes?.PendingConfirmation === 'true' ? 'pending' : 'confirmed';
  } catch (error) {
    if ((error as { name?: string }).name === 'NotFoundException') return 'gone';
    throw error;
  }
}

/** Removes the SNS subscription; one SNS already forgot (or never confirmed) counts as removed. */
export async function unsubscribe(sns: SNSClient, subscriptionArn: string): Promise<void> {
  if (!subscriptionArn.startsWith('arn:')) return;
  try {
    await sns.send(new UnsubscribeCommand({ SubscriptionArn: subscriptionArn }));
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name !== 'NotFoundException' && name !== 'InvalidParameterException') throw error;
  }
}
