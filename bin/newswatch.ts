#!/usr/bin/env node
import { App } from 'aws-cdk-lib';
import { readConfig } from '../lib/config';
import { addNewswatch } from '../lib/app';

// CDK app entry (cdk.json "app"). Configuration comes from context: `npx cdk deploy --all -c stage=prod -c alertEmails=ops@example.com`.
const app = new App();
const config = readConfig((key) => app.node.tryGetContext(key));
const account = process.env.CDK_DEFAULT_ACCOUNT;
const region = process.env.CDK_DEFAULT_REGION;
addNewswatch(app, config, account && region ? { account, region } : undefined);
app.synth();
