import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Alarm, ComparisonOperator, type Metric, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { requireTls } from './tls-only';

/** KMS's shortest waiting period before a removed key is deleted (it can be cancelled meanwhile). */
const OPS_KEY_PENDING_DAYS = 7;

export interface OperationsProps {
  /** Operators who receive alarm notifications. */
  readonly alertEmails: readonly string[];
  /** Every function, by a short readable name used in alarm names. */
  readonly functions: Record<string, IFunction>;
  /** The stream consumer, whose iterator age says how far behind alerts are. */
  readonly streamConsumer: IFunction;
  /** Queues that must stay empty, each with what a message in it is (said in its alarm's description). */
  readonly deadLetterQueues: Record<string, { readonly queue: IQueue; readonly holds: string }>;
  /** The HTTP API whose 5xx answers raise an alarm. */
  readonly httpApi: IHttpApi;
  /** The alerts topic: failed deliveries (email included) show up in its metrics. */
  readonly alertsTopic: ITopic;
  /**
   * Owed alerts the completeness sweeper found: each is an alert that was lost on the way.
   * @default - no alarm on overdue alerts
   */
  readonly overdueAlerts?: IMetric;
  /**
   * Stream records the alert dispatcher failed (handed back as batch item failures: its Errors metric does not count them).
   * @default - no alarm on failed stream records
   */
  readonly failedStreamRecords?: IMetric;
  /**
   * Articles stored but not yet counted into their story (each waits for its client's re-send).
   * @default - no alarm on story writes
   */
  readonly storyWritesFailed?: IMetric;
  /**
   * Iterator age above which the alert path counts as behind.
   * @default Duration.minutes(1)
   */
  readonly maxIteratorAge?: Duration;
}

/**
 * Alarms on everything that means "an alert may be late or lost", notifying an ops topic that the
 * configured e-mail addresses subscribe to.
 */
export class Operations extends Construct {
  readonly opsTopic: Topic;
  readonly alarms: Alarm[] = [];
  private readonly action: SnsAction;

  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);
    const key = new Key(this, 'OpsKey', {
      enableKeyRotation: true,
      description: 'newswatch ops topic encryption',
      // Nothing encrypted with it outlives the stack (alarm notifications are delivered at once), so it
      // goes with the stack instead of costing a month's key fee for every removed deployment.
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(OPS_KEY_PENDING_DAYS),
    });
    // CloudWatch publishes alarm notifications to the encrypted topic itself.
    key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    this.opsTopic = new Topic(this, 'OpsTopic', { displayName: 'newswatch operations', masterKey: key });
    requireTls(this.opsTopic);
    for (const email of props.alertEmails) this.opsTopic.addSubscription(new EmailSubscription(email));
    this.action = new SnsAction(this.opsTopic);

    for (const [name, fn] of Object.entries(props.functions)) {
      this.alarm(`${name}Errors`, fn.metricErrors({ period: Duration.minutes(5) }), 1, `${name} function errors`);
      this.alarm(`${name}Throttles`, fn.metricThrottles({ period: Duration.minutes(5) }), 1, `${name} function throttled`);
    }
    for (const [name, { queue, holds }] of Object.entries(props.deadLetterQueues)) {
      this.alarm(
        `${name}Depth`,
        queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }),
        1,
        `${name} has messages: ${holds}`,
      );
    }
    const maxAge = props.maxIteratorAge ?? Duration.minutes(1);
    this.alarm(
      'StreamIteratorAge',
      props.streamConsumer.metric('IteratorAge', { period: Duration.minutes(1), statistic: 'Maximum' }),
      maxAge.toMilliseconds(),
      `alert dispatcher is more than ${maxAge.toHumanString()} behind the table stream`,
      3,
    );
    this.alarm('Api5xx', props.httpApi.metricServerError({ period: Duration.minutes(5) }), 1, 'API answered 5xx');
    this.alarm(
      'AlertDeliveryFailures',
      props.alertsTopic.metric('NumberOfNotificationsFailed', { period: Duration.minutes(5), statistic: 'Sum' }),
      1,
      'SNS gave up delivering alerts to some subscribers (email, HTTPS, SQS, ...)',
    );
    if (props.overdueAlerts) {
      this.alarm(
        'AlertsOverdue',
        props.overdueAlerts,
        1,
        'the completeness sweeper found alerts lost on the way (it re-drives them; find the cause)',
      );
    }
    if (props.failedStreamRecords) {
      this.alarm(
        'StreamRecordsFailed',
        props.failedStreamRecords,
        1,
        'the alert dispatcher failed stream records (Lambda retries them, bisecting; their alerts are late)',
      );
    }
    if (props.storyWritesFailed) {
      this.alarm(
        'StoryWritesFailed',
        props.storyWritesFailed,
        1,
        'articles were stored but not counted into their story (a re-send finishes them; find the cause)',
      );
    }
  }

  private alarm(id: string, metric: IMetric | Metric, threshold: number, description: string, evaluationPeriods = 1): void {
    const alarm = new Alarm(this, id, {
      metric,
      threshold,
      evaluationPeriods,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: `newswatch: ${description}`,
    });
    alarm.addAlarmAction(this.action);
    this.alarms.push(alarm);
  }
}
