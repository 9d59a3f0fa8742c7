import type { SNSClient } from '@aws-sdk/client-sns';

/** What the adapters in this folder take from the SDK's SNS package: the client class and the commands they send. */
export type SnsSdk = Pick<
  typeof import('@aws-sdk/client-sns'),
  'SNSClient' | 'PublishCommand' | 'SubscribeCommand' | 'GetSubscriptionAttributesCommand' | 'UnsubscribeCommand'
>;

/**
 * The SNS client as use cases see it: they only hand it back to the adapters in this folder, which
 * take the SDK package and the client from `ready()` for each call. The package is loaded, and the
 * client made, on the first call: loading it is ≈ 0.07 × of a cold start (docs/benchmarks.md, "Lambda
 * cold start"), which a sweep with nothing overdue, a digest run with nothing due or an API request
 * that does not subscribe never needs. A function that publishes on every invocation passes the
 * package loaded at import (adapters/sns-sdk-now.ts) and keeps the load in its init phase.
 */
export interface SnsClient {
  ready(): Promise<{ sdk: SnsSdk; client: SNSClient }>;
  /** Closes the client's connections, if it was made. */
  destroy(): void;
}

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

/**
 * The SDK package on the first call. Bundled for Lambda, `process.env.NEWSWATCH_BUNDLE` is the constant
 * 'lambda' (lib/bundling.ts `bundleDefine`; it must stay written out here for esbuild to see it), so the
 * package is `require`d as the runtime's other CommonJS is: an `import()` of it would go through Node's
 * ES module loader, which lexes every SDK file for its export names. From source (tests, the local
 * runtime) the import serves.
 */
async function loadSdk(): Promise<SnsSdk> {
  return process.env.NEWSWATCH_BUNDLE === 'lambda' ? require('@aws-sdk/client-sns') : await import('@aws-sdk/client-sns');
}

/**
 * An SNS client honouring the SDK's configuration (AWS_ENDPOINT_URL_SNS locally): nothing hard-coded.
 * The SDK package is imported, and the client made, on the first `ready()`; given the package already
 * loaded (`sdkNow`, adapters/sns-sdk-now.ts), the client is made at once. A first call that fails
 * (the package or the client) is tried again by the next one. The local runtime's finish applies if it
 * was set when this was called.
 */
export function createSnsClient(instrument: (client: SNSClient) => SNSClient = (c) => c, sdkNow?: SnsSdk): SnsClient {
  const local = localClients;
  let client: SNSClient | undefined;
  const make = (sdk: SnsSdk) => {
    const instrumented = instrument(new sdk.SNSClient({}));
    client = local ? local.finish(instrumented) : instrumented;
    return { sdk, client };
  };
  let made = sdkNow ? Promise.resolve(make(sdkNow)) : undefined;
  return {
    ready: () => {
      // A failed attempt is forgotten, so the next call tries again: kept, it would fail every publish
      // of this instance for as long as it lives (made at init, the failure would have failed the init).
      made ??= loadSdk()
        .then(make)
        .catch((error: unknown) => {
          made = undefined;
          throw error;
        });
      return made;
    },
    destroy: () => client?.destroy(),
  };
}
