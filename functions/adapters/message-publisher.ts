import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';

/** Publishes a prepared MessageStructure=json message with its filter attributes (story alerts, digests). */
export async function publishMessage(
  sns: SNSClient,
  topicArn: string,
  m: { subject: string; message: string; attributes: Record<string, { DataType: string; StringValue: string }> },
): Promise<string | undefined> {
  const out = await sns.send(
    new PublishCommand({
      TopicArn: topicArn,
      MessageStructure: 'json',
      Message: m.message,
      Subject: m.subject,
      MessageAttributes: m.attributes,
    }),
  );
  return out.MessageId;
}
