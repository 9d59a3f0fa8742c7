import type { SnsClient } from './sns';

/** Publishes a prepared MessageStructure=json message with its filter attributes (story alerts, digests). */
export async function publishMessage(
  sns: SnsClient,
  topicArn: string,
  m: { subject: string; message: string; attributes: Record<string, { DataType: string; StringValue: string }> },
): Promise<string | undefined> {
  const { sdk, client } = await sns.ready();
  const out = await client.send(
    new sdk.PublishCommand({
      TopicArn: topicArn,
      MessageStructure: 'json',
      Message: m.message,
      Subject: m.subject,
      MessageAttributes: m.attributes,
    }),
  );
  return out.MessageId;
}
