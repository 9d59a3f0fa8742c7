import { SNSClient } from '@aws-sdk/client-sns';

/** The SNS client as use cases see it: they only hand it back to the adapters in this folder. */
export type SnsClient = SNSClient;

/** An SNS client honouring the SDK's configuration (AWS_ENDPOINT_URL_SNS locally): nothing hard-coded. */
export function createSnsClient(instrument: (client: SNSClient) => SNSClient = (c) => c): SNSClient {
  return instrument(new SNSClient({}));
}
