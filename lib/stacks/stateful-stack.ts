import { CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { Topic } from 'aws-cdk-lib/aws-sns';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { AlertsTopic } from '../constructs/alerts-topic';
import { Storage } from '../constructs/storage';

/**
 * Everything that holds data the product cannot recreate: the table, the alerts topic (its
 * subscriptions are created at run time) with its subscription dead-letter queue, and the key that
 * encrypts them. Termination-protected, and every resource is retained if the stack is deleted anyway.
 * The stateless stack can then be destroyed and redeployed freely.
 */
export class StatefulStack extends Stack {
  readonly table: Table;
  readonly alertsTopic: Topic;
  readonly subscriptionDlq: Queue;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, { terminationProtection: true, ...props });
    const key = new Key(this, 'DataKey', {
      enableKeyRotation: true,
      description: 'newswatch table and alerts topic encryption',
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.table = new Storage(this, 'Storage', { key }).table;
    const alerts = new AlertsTopic(this, 'Alerts', { key });
    this.alertsTopic = alerts.topic;
    this.subscriptionDlq = alerts.subscriptionDlq;
    // The app stack imports the topic's ARN under a name chosen here rather than one CDK derives: the IAM
    // resource built on it (the topic's subscriptions, `<arn>:*`) then reads the same in every synth, so
    // its cdk-nag acknowledgement can name it.
    this.exportValue(this.alertsTopic.topicArn, { name: alertsTopicExportName(this.stackName) });

    new CfnOutput(this, 'TableName', {
      value: this.table.tableName,
      description: 'DynamoDB table (NEWSWATCH_TABLE for `newswatch keys create`)',
    });
    new CfnOutput(this, 'AlertsTopicArn', { value: this.alertsTopic.topicArn, description: 'SNS topic every alert is published to' });
    new CfnOutput(this, 'SubscriptionDlqUrl', {
      value: this.subscriptionDlq.queueUrl,
      description: 'Alerts SNS could not deliver to a subscriber',
    });
  }
}

/** The export the app stack imports the alerts topic's ARN from (stage-specific, like the stack name). */
export function alertsTopicExportName(stackName: string): string {
  return `${stackName}-AlertsTopicArn`;
}
