#!/usr/bin/env node
import { App } from 'aws-cdk-lib';
import { checkContextKeys, ConfigError, type NewswatchConfig, readConfig } from '../lib/config';
import { addNewswatch } from '../lib/app';

// CDK app entry (cdk.json "app"). Configuration comes from context: `npx cdk deploy --all -c stage=prod -c alertEmails=ops@example.com`.
const app = new App();
const config = configFrom(app);
const account = process.env.CDK_DEFAULT_ACCOUNT;
const region = process.env.CDK_DEFAULT_REGION;
addNewswatch(app, config, account && region ? { account, region } : undefined);
app.synth();

/** The stage's settings; a misspelled key or a bad value ends the synth with one line per problem, exit 2, no stack trace. */
function configFrom(app: App): NewswatchConfig {
  try {
    checkContextKeys(Object.keys(app.node.getAllContext()));
    return readConfig((key) => app.node.tryGetContext(key));
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const problem of error.problems) process.stderr.write(`newswatch: ${problem}\n`);
    process.exit(2);
  }
}
