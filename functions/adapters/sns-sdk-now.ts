import * as sns from '@aws-sdk/client-sns';
import type { SnsSdk } from './sns';

/**
 * The SDK's SNS package, loaded with the module that imports this one: for a function that publishes on
 * every invocation (the alert dispatcher), whose client is then made at init as before; deferring the
 * load would only move it into the first invocation (adapters/sns.ts createSnsClient).
 */
export const snsSdkNow: SnsSdk = sns;
