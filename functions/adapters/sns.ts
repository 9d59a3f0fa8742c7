import { SNSClient } from '@aws-sdk/client-sns';

/** An SNS client honouring the SDK's configuration (AWS_ENDPOINT_URL_SNS locally): nothing hard-coded. */
export function createSnsClient(instrument: (client: SNSClient) => SNSClient = (c) => c): SNSClient {
  return instrument(new SNSClient({}));
}
