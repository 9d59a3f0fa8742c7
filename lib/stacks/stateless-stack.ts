import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { ENV } from '../../functions/adapters/env-names';
import type { NewswatchConfig } from '../config';
import { Alerting } from '../constructs/alerting';
import { Digests } from '../constructs/digests';
import { Api } from '../constructs/api';
import { Console } from '../constructs/console';
import { Feeds } from '../constructs/feeds';
import { Ingestion } from '../constructs/ingestion';
import { OperatorDashboard } from '../constructs/dashboard';
import { keepOutOfApiKeys } from '../constructs/api-key-records';
import { Operations } from '../constructs/operations';

export interface StatelessStackProps extends StackProps {
  readonly config: NewswatchConfig;
  readonly table: ITable;
  readonly alertsTopic: ITopic;
  /** Name of the stateful stack's export of the alerts topic's ARN (alertsTopicExportName). */
  readonly alertsTopicArnExport: string;
  readonly subscriptionDlq: IQueue;
}

/** The functions, the API, the stream consumer and the alarms: safe to destroy and redeploy at will. */
export class StatelessStack extends Stack {
  readonly api: Api;
  readonly alerting: Alerting;
  readonly console: Console;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { config } = props;
    const defaults = {
      logRetention: toRetentionDays(config.logRetentionDays),
      environment: {
        [ENV.tableName]: props.table.tableName,
        [ENV.topicArn]: props.alertsTopic.topicArn,
        [ENV.watchlistTtlSeconds]: String(config.watchlistCacheSeconds),
        [ENV.retentionDays]: String(config.articleRetentionDays),
        [ENV.maxBodyBytes]: String(config.maxBodyBytes),
        [ENV.subscriptionDlqArn]: props.subscriptionDlq.queueArn,
      },
    };

    const ingestion = new Ingestion(this, 'Ingestion', {
      ...defaults,
      table: props.table,
      reservedConcurrency: config.ingestConcurrency,
    });
    this.alerting = new Alerting(this, 'Alerting', { ...defaults, table: props.table, topic: props.alertsTopic });
    this.console = new Console(this, 'Console');
    this.api = new Api(this, 'Api', {
      ...defaults,
      corsOrigins: [this.console.origin],
      table: props.table,
      topic: props.alertsTopic,
      topicArnExport: props.alertsTopicArnExport,
      ingestFunction: ingestion.fn,
      throttle: { rateLimit: config.throttleRate, burstLimit: config.throttleBurst },
      ingestThrottle: { rateLimit: config.ingestRate, burstLimit: config.ingestBurst },
      apiConcurrency: config.apiConcurrency,
    });
    const feeds = new Feeds(this, 'Feeds', { ...defaults, table: props.table });
    const digests = new Digests(this, 'Digests', {
      ...defaults,
      table: props.table,
      topic: props.alertsTopic,
      dailyDigestHour: config.dailyDigestHour,
    });
    const functions = {
      Ingest: ingestion.fn,
      FeedDispatcher: feeds.dispatcherFunction,
      FeedPoller: feeds.pollerFunction,
      AlertDispatcher: this.alerting.fn,
      AlertSweeper: this.alerting.sweeper,
      DigestScheduler: digests.fn,
      Api: this.api.apiFunction,
      Authorizer: this.api.authorizerFunction,
    };
    // Only the authorizer reads key records; the rest may not touch them (api-key-records.ts).
    for (const fn of Object.values(functions)) if (fn !== this.api.authorizerFunction) keepOutOfApiKeys(fn, props.table);
    const deadLetters = {
      StreamDlq: { queue: this.alerting.deadLetterQueue, holds: 'alerts the dispatcher gave up sending' },
      SubscriptionDlq: { queue: props.subscriptionDlq, holds: 'alerts SNS could not deliver to a subscriber' },
      FeedDlq: { queue: feeds.deadLetterQueue, holds: 'feed polls that failed three times (no alert is lost: the feeds are polled again)' },
    };
    const deadLetterQueues = Object.fromEntries(Object.entries(deadLetters).map(([name, { queue }]) => [name, queue]));
    const operations = new Operations(this, 'Operations', {
      alertEmails: config.alertEmails,
      functions,
      streamConsumer: this.alerting.fn,
      deadLetterQueues: deadLetters,
      httpApi: this.api.httpApi,
      alertsTopic: props.alertsTopic,
      overdueAlerts: this.alerting.overdueMetric,
      failedStreamRecords: this.alerting.failedRecordsMetric,
      storyWritesFailed: ingestion.storyWritesFailedMetric,
      maxIteratorAge: Duration.minutes(1),
    });
    feeds.errorsAlarm.addAlarmAction(new SnsAction(operations.opsTopic));
    const dashboard = new OperatorDashboard(this, 'Dashboard', {
      functions,
      coldStartFunctions: {
        Ingest: ingestion.fn,
        Authorizer: this.api.authorizerFunction,
        FeedDispatcher: feeds.dispatcherFunction,
        DigestScheduler: digests.fn,
        AlertDispatcher: this.alerting.fn,
        AlertSweeper: this.alerting.sweeper,
        FeedPoller: feeds.pollerFunction,
        Api: this.api.apiFunction,
      },
      ingestFunction: ingestion.fn,
      streamConsumer: this.alerting.fn,
      deadLetterQueues,
      httpApi: this.api.httpApi,
      alertsTopic: props.alertsTopic,
      table: props.table,
      alarms: [...operations.alarms, feeds.errorsAlarm],
    });

    this.console.publish(this.api.url);

    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'Base URL of the newswatch HTTP API' });
    new CfnOutput(this, 'ConsoleUrl', { value: this.console.url, description: 'The newswatch web console (sign in with an API key)' });
    new CfnOutput(this, 'StreamDlqUrl', {
      value: this.alerting.deadLetterQueue.queueUrl,
      description: 'Stream batches the alert dispatcher gave up on',
    });
    new CfnOutput(this, 'DashboardUrl', { value: dashboard.url, description: 'The operator dashboard in the CloudWatch console' });
  }
}

/** CloudWatch accepts only certain retention periods; say so at synth time rather than at deploy. */
function toRetentionDays(days: number): RetentionDays {
  const allowed = Object.values(RetentionDays).filter((v): v is number => typeof v === 'number');
  if (!allowed.includes(days)) throw new Error(`logRetentionDays must be one of ${allowed.join(', ')}; got ${days}`);
  return days as RetentionDays;
}
