import type { Template } from 'aws-cdk-lib/assertions';
import { App } from 'aws-cdk-lib';
import { addNewswatch, type Newswatch } from '../../lib/app';
import { readConfig } from '../../lib/config';

/**
 * Builds the newswatch app the way bin/newswatch.ts does, for assertion tests.
 * Bundling the four handlers with esbuild is the slow part of a synth; the assertions here are about
 * the CloudFormation, so bundling is skipped unless NEWSWATCH_INFRA_BUNDLE=1 (CDK's own
 * `aws:cdk:bundling-stacks` switch; `npx cdk synth` in .ci/run always bundles for real).
 */
export function synthNewswatch(context: Record<string, unknown> = {}): { app: App } & Newswatch {
  const bundle = process.env.NEWSWATCH_INFRA_BUNDLE === '1';
  const app = new App({ context: { ...(bundle ? {} : { 'aws:cdk:bundling-stacks': [] }), ...context } });
  const config = readConfig((key) => app.node.tryGetContext(key));
  return { app, ...addNewswatch(app, config) };
}

/**
 * The project's own functions (ProjectFunction; described "newswatch: …"), not CDK's deploy-time
 * handlers such as the console upload (BucketDeployment) and its bucket clean-up.
 */
export function projectFunctions(template: Template): { Properties: Record<string, any> }[] {
  const all = Object.values(template.findResources('AWS::Lambda::Function')) as { Properties: Record<string, any> }[];
  return all.filter((fn) => String(fn.Properties.Description ?? '').startsWith('newswatch'));
}
