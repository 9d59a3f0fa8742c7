import { Aws, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { type CfnTopic, LoggingProtocol, Topic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { acknowledge } from '../nag';
import { requireTls } from './tls-only';
import { Construct } from 'constructs';

export interface AlertsTopicProps {
  /** Customer-managed key for the topic (the stateful stack's data key). */
  readonly key: IKey;
}

/**
 * The alerts topic and its delivery-failure story. It lives in the stateful stack because the
 * subscriptions on it are created at run time through the API: replacing the topic would silently
 * drop every subscriber, so it is retained like the table.
 *
 * Delivery failures are made visible three ways:
 *  - delivery-status logging to CloudWatch Logs for HTTP/S, SQS and Lambda endpoints (SNS offers
 *    no delivery-status logging for email; the topic's NumberOfNotificationsFailed alarm covers it);
 *  - `subscriptionDlq`: the api function attaches it as the RedrivePolicy of every subscription it
 *    creates, so a message SNS gives up on (after its retry policy) is parked, not lost;
 *  - alarms on both (see Operations).
 */
export class AlertsTopic extends Construct {
  readonly topic: Topic;
  readonly subscriptionDlq: Queue;

  constructor(scope: Construct, id: string, props: AlertsTopicProps) {
    super(scope, id);
    const feedbackRole = this.deliveryStatusRole();
    this.topic = new Topic(this, 'Topic', {
      displayName: 'newswatch alerts',
      masterKey: props.key,
      loggingConfigs: [LoggingProtocol.HTTP, LoggingProtocol.SQS, LoggingProtocol.LAMBDA].map((protocol) => ({
        protocol,
        failureFeedbackRole: feedbackRole,
      })),
    });
    this.topic.applyRemovalPolicy(RemovalPolicy.RETAIN);
    requireTls(this.topic);
    this.scopeDeliveryStatusRole(feedbackRole);

    this.subscriptionDlq = new Queue(this, 'SubscriptionDlq', {
      // SSE-SQS: SNS can write to it without a key-policy grant on a customer-managed key.
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.subscriptionDlq.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AlertsTopicRedrive',
        principals: [new ServicePrincipal('sns.amazonaws.com')],
        actions: ['sqs:SendMessage'],
        resources: [this.subscriptionDlq.queueArn],
        conditions: { ArnEquals: { 'aws:SourceArn': this.topic.topicArn } },
      }),
    );
    acknowledge(this.subscriptionDlq, 'AwsSolutions-SQS3', 'This queue is itself the dead-letter queue of the alert subscriptions.');
  }

  /** The role SNS assumes to write delivery-status logs. */
  private deliveryStatusRole(): Role {
    return new Role(this, 'DeliveryStatusRole', {
      assumedBy: new ServicePrincipal('sns.amazonaws.com'),
      description: 'Lets SNS write delivery-status logs of the newswatch alerts topic',
    });
  }

  /** Limits the role to the log groups SNS names after this topic: sns/<region>/<account>/<topic>[/Failure]. */
  private scopeDeliveryStatusRole(role: Role): void {
    const logGroups = `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:sns/${Aws.REGION}/${Aws.ACCOUNT_ID}/${this.topic.topicName}*`;
    role.addToPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'logs:PutMetricFilter', 'logs:PutRetentionPolicy'],
        resources: [logGroups],
      }),
    );
    const stack = Stack.of(this);
    const topicLogicalId = stack.resolve(stack.getLogicalId(this.topic.node.defaultChild as CfnTopic)) as string;
    acknowledge(
      role,
      `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:sns/<AWS::Region>/<AWS::AccountId>/<${topicLogicalId}.TopicName>*]`,
      'SNS creates the delivery-status log groups and streams itself; the wildcard covers only the names derived from this topic (sns/<region>/<account>/<topic> and its /Failure sibling).',
    );
  }
}
