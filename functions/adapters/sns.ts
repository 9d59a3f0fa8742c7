import { SNSClient } from '@aws-sdk/client-sns';

/** The SNS client as use cases see it: they only hand it back to the adapters in this folder. */
export type SnsClient = SNSClient;

/**
 * How the one-machine runtime finishes its SNS clients (functions/local/sns/sns-fast-path.ts: a plain
 * Publish handed to its SNS stand-in in-process). Never set on AWS.
 */
export interface LocalSnsClients {
  finish(client: SNSClient): SNSClient;
}

let localClients: LocalSnsClients | undefined;

/**
 * The local runtime's hook, called before the handlers are loaded; nothing deployed calls it. Returns
 * the reset the runtime calls when it stops (clients made afterwards are plain SDK clients again).
 */
export function useLocalSnsClients(settings: LocalSnsClients): () => void {
  localClients = settings;
  return () => {
    if (localClients === settings) localClients = undefined;
  };
}

/** An SNS client honouring the SDK's configuration (AWS_ENDPOINT_URL_SNS locally): nothing hard-coded. */
export function createSnsClient(instrument: (client: SNSClient) => SNSClient = (c) => c): SNSClient {
  const client = instrument(new SNSClient({}));
  return localClients ? localClients.finish(client) : client;
}
