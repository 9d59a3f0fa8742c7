import { GetSubscriptionAttributesCommand, PublishCommand, SNSClient, SubscribeCommand, UnsubscribeCommand } from '@aws-sdk/client-sns';
import type { SnsSdk } from './sns';

/**
 * The SDK's SNS package, loaded with the module that imports this one: for a function that publishes on
 * every invocation (the alert dispatcher), whose client is then made at init as before; deferring the
 * load would only move it into the first invocation (adapters/sns.ts createSnsClient). Named imports,
 * not a namespace: bundled as CommonJS, a namespace import copies every one of the package's exports
 * into an object of getters (≈ 6 M instructions at init).
 */
export const snsSdkNow: SnsSdk = { SNSClient, PublishCommand, SubscribeCommand, GetSubscriptionAttributesCommand, UnsubscribeCommand };
