import { Tags, Validations, type App, type Environment } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from './nag';
import type { NewswatchConfig } from './config';
import { alertsTopicExportName, StatefulStack } from './stacks/stateful-stack';
import { StatelessStack } from './stacks/stateless-stack';

export interface Newswatch {
  readonly stateful: StatefulStack;
  readonly stateless: StatelessStack;
}

/**
 * Adds the newswatch stacks for one stage to an app, with cdk-nag's AwsSolutions checks.
 * bin/newswatch.ts and the infrastructure tests both call this, so the tests check what deploys.
 */
export function addNewswatch(app: App, config: NewswatchConfig, env?: Environment): Newswatch {
  const prefix = `newswatch-${config.stage}`;
  const stateful = new StatefulStack(app, `${prefix}-data`, {
    env,
    description: `newswatch (${config.stage}): table, alerts topic and their key; retained and termination-protected`,
  });
  const stateless = new StatelessStack(app, `${prefix}-app`, {
    env,
    description: `newswatch (${config.stage}): API, functions, stream consumer and alarms`,
    config,
    table: stateful.table,
    alertsTopic: stateful.alertsTopic,
    alertsTopicArnExport: alertsTopicExportName(stateful.stackName),
    subscriptionDlq: stateful.subscriptionDlq,
  });
  stateless.addStackDependency(stateful);
  Tags.of(app).add('project', 'newswatch');
  Tags.of(app).add('stage', config.stage);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { stateful, stateless };
}
