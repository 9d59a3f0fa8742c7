import { AnyPrincipal, Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Topic } from 'aws-cdk-lib/aws-sns';

/**
 * Every action a topic policy can name (the SNS developer guide's "valid Amazon SNS policy actions").
 * A topic policy refuses `sns:*` wildcards that reach beyond these, and the subscription actions
 * (Unsubscribe, Get/SetSubscriptionAttributes) cannot be named in a topic policy at all: the api
 * function, the only principal granted them, is denied them over plain HTTP in its own policy (api.ts).
 */
export const TOPIC_POLICY_ACTIONS = [
  'sns:AddPermission',
  'sns:DeleteTopic',
  'sns:GetDataProtectionPolicy',
  'sns:GetTopicAttributes',
  'sns:ListSubscriptionsByTopic',
  'sns:ListTagsForResource',
  'sns:Publish',
  'sns:PutDataProtectionPolicy',
  'sns:RemovePermission',
  'sns:SetTopicAttributes',
  'sns:Subscribe',
] as const;

/**
 * Refuses every topic action over plain HTTP, for every principal. CDK's `enforceSSL` denies only
 * `sns:Publish`; reading or changing the topic (its policy, its subscriptions) over HTTP stayed open.
 * A service principal's call (CloudWatch publishing an alarm) carries no `aws:SecureTransport` key,
 * so `Bool … false` does not match it and the deny never blocks AWS's own delivery.
 */
export function requireTls(topic: Topic): void {
  topic.addToResourcePolicy(
    new PolicyStatement({
      sid: 'DenyInsecureTransport',
      effect: Effect.DENY,
      principals: [new AnyPrincipal()],
      actions: [...TOPIC_POLICY_ACTIONS],
      resources: [topic.topicArn],
      conditions: { Bool: { 'aws:SecureTransport': 'false' } },
    }),
  );
}
