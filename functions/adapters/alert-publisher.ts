import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { ComposedAlert } from '../core/alert';
import { TEST_ATTRIBUTE } from '../core/subscription-policy';

/**
 * Publishes one alert: a message per protocol (MessageStructure json) and the attributes that
 * subscription filter policies match on. `people`/`topics` are String.Array; an empty list is left
 * out, so a filter on that key simply does not match. A test article's alert also carries `test`.
 */
export async function publishAlert(sns: SNSClient, topicArn: string, alert: ComposedAlert): Promise<string | undefined> {
  const out = await sns.send(
    new PublishCommand({
      TopicArn: topicArn,
      MessageStructure: 'json',
      Message: JSON.stringify(alert.messages),
      Subject: alert.subject,
      MessageAttributes: {
        alertId: { DataType: 'String', StringValue: alert.alertId },
        ...arrayAttribute('people', alert.people),
        ...arrayAttribute('topics', alert.topics),
        ...(alert.test && { [TEST_ATTRIBUTE]: { DataType: 'String', StringValue: 'true' } }),
      },
    }),
  );
  return out.MessageId;
}

function arrayAttribute(name: string, values: readonly string[]) {
  return values.length ? { [name]: { DataType: 'String.Array', StringValue: JSON.stringify(values) } } : {};
}
