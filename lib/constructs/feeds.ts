import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ENV } from '../../functions/adapters/env-names';
import { acknowledge } from '../nag';
import type { FunctionDefaults } from './function-defaults';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { ProjectFunction, serviceMetric } from './project-function';

export interface FeedsProps extends FunctionDefaults {
  readonly table: ITable;
  /**
   * Poller instances at once (the SQS event source's maximum concurrency), so feed polling can never
   * use up the account's Lambda concurrency or the table's capacity.
   * @default 20
   */
  readonly maxPollers?: number;
  /**
   * How often the dispatcher looks for due feeds.
   * @default Duration.minutes(1)
   */
  readonly dispatchEvery?: Duration;
  /**
   * Feed errors (timeouts, refusals, HTTP errors, not a feed) in 15 minutes that raise the alarm.
   * @default 25
   */
  readonly errorAlarmThreshold?: number;
}

/** A poll may fetch a feed (20 s at most) and up to 200 item pages for full text: room for both. */
const POLLER_TIMEOUT = Duration.minutes(2);
/**
 * Messages one poller invocation takes (FIFO allows at most 10); they are polled side by side, at most
 * two to one host (the fetcher's limit). A FIFO event source runs at most one batch per message group.
 */
const POLLER_BATCH = 5;
/** Receives before a message goes to the dead-letter queue. */
const MAX_RECEIVES = 3;

/**
 * Feed polling: an EventBridge schedule runs the dispatcher, which claims the due feeds and sends one
 * message each to a FIFO queue, grouped by the feed's host; the poller takes them with bounded concurrency (partial batch responses, a
 * dead-letter queue after three tries). Each poll's outcome is a FeedErrors / FeedPolls metric, and
 * too many feed errors raise an alarm.
 */
export class Feeds extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  readonly dispatcherFunction: NodejsFunction;
  readonly pollerFunction: NodejsFunction;
  readonly errorsAlarm: Alarm;

  constructor(scope: Construct, id: string, props: FeedsProps) {
    super(scope, id);
    // FIFO, grouped by host: SQS hands out no message of a group while another of it is in flight, so
    // however many pollers run, one host is polled by one of them at a time (the per-host limit holds
    // across instances), while different hosts run in parallel. A FIFO queue needs a FIFO dead-letter queue.
    this.deadLetterQueue = new Queue(this, 'FeedDlq', {
      fifo: true,
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledge(this.deadLetterQueue, 'AwsSolutions-SQS3', 'This queue is itself the dead-letter queue of the feed queue.');
    this.queue = new Queue(this, 'FeedQueue', {
      fifo: true,
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // Lambda's advice: at least six times the function timeout, so retries do not start while a poll runs.
      visibilityTimeout: Duration.seconds(POLLER_TIMEOUT.toSeconds() * 6),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: MAX_RECEIVES },
    });

    const dispatcher = new ProjectFunction(this, 'DispatcherFunction', {
      handler: 'feedDispatcher',
      description: 'newswatch: finds the feeds that are due and sends them to the feed queue',
      environment: { ...props.environment, [ENV.feedQueueUrl]: this.queue.queueUrl },
      logRetention: props.logRetention,
      timeout: Duration.seconds(60),
    });
    this.dispatcherFunction = dispatcher.function;
    // Reads the feed list and moves each due feed's next poll time (the claim).
    props.table.grantReadWriteData(this.dispatcherFunction);
    dispatcher.acknowledgeKeyGrants();
    this.queue.grantSendMessages(this.dispatcherFunction);
    new Rule(this, 'DispatchSchedule', {
      description: 'newswatch: look for due feeds',
      schedule: Schedule.rate(props.dispatchEvery ?? Duration.minutes(1)),
      targets: [new LambdaFunction(this.dispatcherFunction, { retryAttempts: 2 })],
    });

    const poller = new ProjectFunction(this, 'PollerFunction', {
      handler: 'feedPoller',
      description: 'newswatch: polls feeds and ingests their new items like POST /articles',
      environment: props.environment,
      logRetention: props.logRetention,
      // Parsing, tagging and full-text extraction are CPU-bound: more memory buys more CPU.
      memorySize: 1024,
      timeout: POLLER_TIMEOUT,
    });
    this.pollerFunction = poller.function;
    // Writes articles and tag index items (the ingest use case) and the feed's state; reads the watchlist.
    props.table.grantReadWriteData(this.pollerFunction);
    poller.acknowledgeKeyGrants();
    this.pollerFunction.addEventSource(
      new SqsEventSource(this.queue, { batchSize: POLLER_BATCH, reportBatchItemFailures: true, maxConcurrency: props.maxPollers ?? 20 }),
    );

    this.errorsAlarm = new Alarm(this, 'FeedErrors', {
      metric: serviceMetric('FeedErrors', 'Sum', Duration.minutes(15)),
      threshold: props.errorAlarmThreshold ?? 25,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: 'newswatch: many feed polls failed (see GET /feeds for each feed error)',
    });
  }
}
