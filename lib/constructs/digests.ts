import { Duration, Stack } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { ENV } from '../../functions/adapters/env-names';
import { acknowledge } from '../nag';
import type { FunctionDefaults } from './function-defaults';
import { ProjectFunction } from './project-function';

export interface DigestsProps extends FunctionDefaults {
  readonly table: ITable;
  readonly topic: ITopic;
  /** The UTC hour (0–23) of the daily digests (the `dailyDigestHour` setting, 7 unless configured). */
  readonly dailyDigestHour: number;
}

/** Hourly and daily digests: a function run by EventBridge Scheduler at the top of every hour (UTC). */
export class Digests extends Construct {
  readonly fn: NodejsFunction;

  constructor(scope: Construct, id: string, props: DigestsProps) {
    super(scope, id);
    const dailyHour = props.dailyDigestHour;
    const digest = new ProjectFunction(this, 'DigestFunction', {
      handler: 'digestScheduler',
      description: 'newswatch: sends hourly and daily digests (EventBridge Scheduler, on the hour)',
      environment: { ...props.environment, [ENV.dailyDigestHour]: String(dailyHour) },
      logRetention: props.logRetention,
      timeout: Duration.minutes(5),
    });
    this.fn = digest.function;
    // The scheduler invokes asynchronously, and Lambda would retry a failed run twice on its own: a
    // subscription served before the failure would then get a second digest of the minute in between.
    // A failed subscription keeps its period and is sent by the next scheduled run (docs/operations.md).
    this.fn.configureAsyncInvoke({ retryAttempts: 0 });
    props.table.grantReadWriteData(this.fn);
    props.topic.grantPublish(this.fn);
    digest.acknowledgeKeyGrants();
    const role = new Role(this, 'ScheduleRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    });
    new Schedule(this, 'DigestSchedule', {
      description: `newswatch: hourly digests every hour, daily digests at ${String(dailyHour).padStart(2, '0')}:00 UTC`,
      schedule: ScheduleExpression.cron({ minute: '0', hour: '*' }),
      target: new LambdaInvoke(this.fn, { retryAttempts: 0, role }),
    });
    acknowledge(
      role,
      `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(this.fn.node.defaultChild as never)}.Arn>:*]`,
      'The scheduler target grants lambda:InvokeFunction on the digest function and its versions (ARN:*); only that one function.',
    );
  }
}
