import type { ComposedAlert } from '../core/alert';
import { alertAttributes, snsMessageOf } from '../core/alert-fit';
import type { SnsClient } from './sns';

/**
 * Publishes one alert: a message per protocol (MessageStructure json; protocols whose text equals
 * `default` are left to it) and the attributes that subscription filter policies match on.
 * `people`/`topics` are String.Array; an empty list is left out, so a filter on that key does not match.
 * A test article's alert also carries `test`.
 */
export async function publishAlert(sns: SnsClient, topicArn: string, alert: ComposedAlert): Promise<string | undefined> {
  const { sdk, client } = await sns.ready();
  const out = await client.send(
    new sdk.PublishCommand({
      TopicArn: topicArn,
      MessageStructure: 'json',
      Message: snsMessageOf(alert.messages),
      Subject: alert.subject,
      MessageAttributes: alertAttributes(alert),
    }),
  );
  return out.MessageId;
}

/** SNS refusals that no retry can change: the request itself is invalid (size, attribute values). */
const PERMANENT_SNS_ERRORS = new Set([
  'InvalidParameterException',
  'InvalidParameterValueException',
  'ParameterValueInvalid',
  'InvalidParameter',
]);

export function isPermanentPublishError(error: unknown): boolean {
  return PERMANENT_SNS_ERRORS.has((error as { name?: string })?.name ?? '');
}
