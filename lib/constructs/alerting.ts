import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { acknowledge } from '../nag';
import { Construct } from 'constructs';
import type { Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { ENV } from '../../functions/adapters/env-names';
import { alertStreamFilter } from '../../functions/adapters/table-design';
import type { FunctionDefaults } from './function-defaults';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { ProjectFunction, serviceMetric } from './project-function';

export interface AlertingProps extends FunctionDefaults {
  readonly table: ITable;
  readonly topic: ITopic;
}

/** Stream retry budget: bounded so one poison record cannot block its shard for the stream's 24 h. */
export const STREAM_RETRY_ATTEMPTS = 8;
export const STREAM_MAX_RECORD_AGE = Duration.hours(6);
/** How often the completeness sweeper runs. */
export const SWEEP_EVERY = Duration.minutes(1);

/**
 * Turns the shared filter (plain data, also used by the local stream emulator) into Lambda
 * FilterCriteria: every leaf list of accepted values becomes FilterRule.isEqual alternatives.
 */
export function toFilterPattern(pattern: object): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(pattern).map(([key, value]) => [
      key,
      Array.isArray(value) ? value.flatMap((accepted) => FilterRule.isEqual(accepted) as unknown[]) : toFilterPattern(value as object),
    ]),
  );
}

/**
 * The alert path: the table's stream, filtered to newly inserted articles that matched something,
 * feeds the dispatcher, which publishes one message per article to the alerts topic. Partial batch
 * responses, bisecting and bounded retries keep one bad record from holding up the rest; what still
 * fails lands in an encrypted dead-letter queue (watched by an alarm in Operations).
 */
export class Alerting extends Construct {
  readonly fn: NodejsFunction;
  readonly deadLetterQueue: Queue;
  /** Re-drives owed alerts on a schedule (functions/handlers/alert-sweeper.ts). */
  readonly sweeper: NodejsFunction;
  /** Owed alerts the sweeper found (each one was lost on the way, then re-driven): alarmed on in Operations. */
  readonly overdueMetric: Metric = serviceMetric('AlertsOverdue', 'Maximum');
  /** Stream records the dispatcher failed: partial batch responses keep them out of its Errors metric. */
  readonly failedRecordsMetric: Metric = serviceMetric('StreamRecordsFailed', 'Sum');

  constructor(scope: Construct, id: string, props: AlertingProps) {
    super(scope, id);
    this.deadLetterQueue = new Queue(this, 'StreamDlq', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      // Retained: what it holds is work newswatch could not do, still owed; removing the app stack must not delete it.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(
      this.deadLetterQueue,
      'AwsSolutions-SQS3',
      'This queue is itself the on-failure destination (dead-letter queue) of the stream consumer.',
    );

    const dispatcher = new ProjectFunction(this, 'DispatcherFunction', {
      handler: 'alertDispatcher',
      description: 'newswatch: publishes one SNS alert per newly stored article with matches',
      environment: { ...props.environment, [ENV.alertDlqUrl]: this.deadLetterQueue.queueUrl },
      logRetention: props.logRetention,
      timeout: Duration.seconds(30),
    });
    this.fn = dispatcher.function;
    // Reads the article, writes the ALERT# idempotency marker; publishes to the (KMS-encrypted) topic.
    props.table.grantReadWriteData(this.fn);
    props.topic.grantPublish(this.fn);
    dispatcher.acknowledgeKeyGrants();
    // Parks a record that can never succeed at once, instead of after the whole retry budget.
    this.deadLetterQueue.grantSendMessages(this.fn);

    this.sweeper = this.completenessSweeper(props);

    this.fn.addEventSource(
      new DynamoEventSource(props.table, {
        // From the oldest record kept: a redeploy of the consumer must not skip articles.
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 25,
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        retryAttempts: STREAM_RETRY_ATTEMPTS,
        maxRecordAge: STREAM_MAX_RECORD_AGE,
        onFailure: new SqsDlq(this.deadLetterQueue),
        filters: [FilterCriteria.filter(toFilterPattern(alertStreamFilter))],
      }),
    );
  }

  /**
   * The completeness sweeper: every minute, publishes the alerts still owed after a few minutes
   * (ALERTDUE items; docs/reliability.md), with the same grants as the dispatcher.
   */
  private completenessSweeper(props: AlertingProps): NodejsFunction {
    const project = new ProjectFunction(this, 'SweeperFunction', {
      handler: 'alertSweeper',
      description: 'newswatch: re-drives alerts still owed after a few minutes (completeness sweeper)',
      environment: { ...props.environment, [ENV.alertDlqUrl]: this.deadLetterQueue.queueUrl },
      logRetention: props.logRetention,
      timeout: Duration.seconds(50),
    });
    const sweeper = project.function;
    props.table.grantReadWriteData(sweeper);
    props.topic.grantPublish(sweeper);
    project.acknowledgeKeyGrants();
    this.deadLetterQueue.grantSendMessages(sweeper);
    // One run at a time: two sweepers would only contend for the same claims. EventBridge retries no run,
    // and neither does Lambda (it would retry a failed asynchronous run twice on its own): the next minute's run does.
    sweeper.configureAsyncInvoke({ retryAttempts: 0 });
    new Rule(this, 'SweepSchedule', {
      description: 'newswatch: completeness sweeper, every minute',
      schedule: Schedule.rate(SWEEP_EVERY),
      targets: [new LambdaFunction(sweeper, { retryAttempts: 0 })],
    });
    return sweeper;
  }
}
