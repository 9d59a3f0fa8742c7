import { Duration, Stack } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { AlarmStatusWidget, Dashboard, GraphWidget, Metric, type IAlarm, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { METRICS_NAMESPACE, SERVICE_NAME, serviceMetric } from './project-function';

export interface OperatorDashboardProps {
  /** Every function, by the short name the alarms use. */
  readonly functions: Record<string, IFunction>;
  /** Functions that emit Powertools' ColdStart metric (their middy chain captures it). */
  readonly coldStartFunctions: Record<string, IFunction>;
  readonly ingestFunction: IFunction;
  readonly streamConsumer: IFunction;
  readonly deadLetterQueues: Record<string, IQueue>;
  readonly httpApi: IHttpApi;
  readonly alertsTopic: ITopic;
  readonly table: ITable;
  readonly alarms: readonly IAlarm[];
}

const PERIOD = Duration.minutes(1);
const WIDTH = 8;
const HEIGHT = 6;

/**
 * The operator's one page: is news coming in, are alerts going out and how fast, is anything piling
 * up or failing. Every graph shows a metric something really writes: the application's own metrics
 * (Powertools EMF, namespace `Newswatch`, written in functions/app and the handlers' middy chains) or
 * one AWS writes for a resource of these stacks. tests/infra/dashboard.test.ts holds both to that.
 */
export class OperatorDashboard extends Construct {
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: OperatorDashboardProps) {
    super(scope, id);
    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: Stack.of(this).stackName,
      defaultInterval: Duration.hours(3),
    });
    const graph = (title: string, left: IMetric[], right: IMetric[] = []) =>
      new GraphWidget({ title, left, right, width: WIDTH, height: HEIGHT, period: PERIOD });
    const perFunction = (fns: Record<string, IFunction>, metric: (fn: IFunction) => IMetric) =>
      Object.entries(fns).map(([name, fn]) => withLabel(metric(fn), name));

    this.dashboard.addWidgets(new AlarmStatusWidget({ title: 'Alarms', alarms: [...props.alarms], width: 3 * WIDTH, height: 3 }));
    this.dashboard.addWidgets(
      graph('Articles in per minute', [app('ArticlesIngested', 'Sum', 'new articles'), app('Duplicates', 'Sum', 'duplicates')]),
      graph('API 4xx and 5xx per minute', [
        withLabel(props.httpApi.metricClientError({ period: PERIOD }), '4xx'),
        withLabel(props.httpApi.metricServerError({ period: PERIOD }), '5xx'),
      ]),
      graph('Ingest p99 (ms)', [
        withLabel(props.ingestFunction.metricDuration({ period: PERIOD, statistic: 'p99' }), 'ingest function p99'),
        withLabel(props.httpApi.metricLatency({ period: PERIOD, statistic: 'p99' }), 'API p99 (all routes)'),
      ]),
    );
    this.dashboard.addWidgets(
      graph('Ingest to alert latency (ms)', [app('IngestToAlertLatency', 'p50', 'p50'), app('IngestToAlertLatency', 'p99', 'p99')]),
      graph('Alerts published per minute', [
        app('AlertsPublished', 'Sum', 'article alerts'),
        app('StoryAlertsPublished', 'Sum', 'story alerts'),
        app('DigestsPublished', 'Sum', 'digests'),
      ]),
      graph('Stream iterator age (ms)', [
        withLabel(props.streamConsumer.metric('IteratorAge', { period: PERIOD, statistic: 'Maximum' }), 'alert dispatcher, max'),
      ]),
    );
    this.dashboard.addWidgets(
      graph(
        'Dead-letter queue depths',
        Object.entries(props.deadLetterQueues).map(([name, queue]) =>
          withLabel(queue.metricApproximateNumberOfMessagesVisible({ period: PERIOD, statistic: 'Maximum' }), name),
        ),
        // Records the dispatcher parks in the stream DLQ at once (no retry could help), per minute.
        [app('AlertsDeadLettered', 'Sum', 'parked by the dispatcher (right)')],
      ),
      graph('SNS deliveries failed per minute', [
        withLabel(props.alertsTopic.metricNumberOfNotificationsFailed({ period: PERIOD, statistic: 'Sum' }), 'failed'),
      ]),
      graph('DynamoDB throttled events per minute', [
        withLabel(props.table.metric('ReadThrottleEvents', { period: PERIOD, statistic: 'Sum' }), 'reads'),
        withLabel(props.table.metric('WriteThrottleEvents', { period: PERIOD, statistic: 'Sum' }), 'writes'),
      ]),
    );
    this.dashboard.addWidgets(
      graph(
        'Lambda errors per minute',
        perFunction(props.functions, (fn) => fn.metricErrors({ period: PERIOD, statistic: 'Sum' })),
      ),
      graph(
        'Lambda throttles per minute',
        perFunction(props.functions, (fn) => fn.metricThrottles({ period: PERIOD, statistic: 'Sum' })),
      ),
      graph('Lambda cold starts per minute', perFunction(props.coldStartFunctions, coldStarts)),
    );
    this.dashboard.addWidgets(
      // Owed alerts the completeness sweeper found (each was lost on the way) and re-published.
      graph('Sweeper findings per minute', [
        app('AlertsOverdue', 'Sum', 'overdue alerts found'),
        app('AlertsRedriven', 'Sum', 're-driven'),
      ]),
      // Feed polls (the poller writes one per feed polled), the failed ones, and the new articles they gave.
      graph(
        'Feed polls and errors per minute',
        [app('FeedPolls', 'Sum', 'polls'), app('FeedErrors', 'Sum', 'errors')],
        [app('FeedArticles', 'Sum', 'new articles (right)')],
      ),
    );
  }

  /** The CloudWatch console address of the dashboard (the stack's DashboardUrl output). */
  get url(): string {
    const region = Stack.of(this).region;
    return `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#dashboards:name=${this.dashboard.dashboardName}`;
  }
}

/** One of the application's own metrics (Powertools adds the `service` dimension to each). */
function app(metricName: string, statistic: string, label: string): Metric {
  return serviceMetric(metricName, statistic, PERIOD).with({ label });
}

/** Powertools' ColdStart metric: dimensions service and function_name (the Lambda's name). */
function coldStarts(fn: IFunction): Metric {
  return new Metric({
    namespace: METRICS_NAMESPACE,
    metricName: 'ColdStart',
    dimensionsMap: { service: SERVICE_NAME, function_name: fn.functionName },
    statistic: 'Sum',
    period: PERIOD,
  });
}

function withLabel(metric: IMetric, label: string): IMetric {
  return metric instanceof Metric ? metric.with({ label }) : metric;
}
