import { describe, expect, it } from 'vitest';
import { readConfig } from '../../lib/config';
import { AwsSolutionsChecks } from '../../lib/nag';
import { synthNewswatch } from './synth';

const contextOf = (values: Record<string, unknown>) => (key: string) => values[key];

describe('cdk-nag AwsSolutions', () => {
  it('finds nothing unacknowledged in either stack', () => {
    // Prepare
    const { app } = synthNewswatch({ alertEmails: 'ops@example.com' });
    // Act
    const report = new AwsSolutionsChecks(app).validateScope(app);
    // Assess: list rule and resource so a failure says what to fix
    const findings = report.violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} at ${r.constructPath}`));
    expect(findings).toEqual([]);
    expect(report.success).toBe(true);
  });
});

describe('configuration', () => {
  it('falls back to safe defaults when no context is given', () => {
    expect(readConfig(contextOf({}))).toEqual({
      stage: 'dev',
      alertEmails: [],
      articleRetentionDays: 365,
      throttleRate: 50,
      throttleBurst: 100,
      ingestRate: 20,
      ingestBurst: 40,
      ingestConcurrency: 25,
      apiConcurrency: 25,
      watchlistCacheSeconds: 30,
      maxBodyBytes: 1024 * 1024,
      logRetentionDays: 30,
    });
  });

  it('reads -c strings: comma-separated e-mails and numbers', () => {
    const config = readConfig(contextOf({ stage: 'prod', alertEmails: 'a@example.com, b@example.com', throttleRate: '200' }));
    expect(config).toMatchObject({ stage: 'prod', alertEmails: ['a@example.com', 'b@example.com'], throttleRate: 200 });
  });

  it('rejects bad values with a message naming each bad key', () => {
    const bad = () => readConfig(contextOf({ stage: 'Prod!', alertEmails: 'not-an-email', watchlistCacheSeconds: '600' }));
    expect(bad).toThrow(/-c stage: .*\n.*-c alertEmails/);
    expect(bad).toThrow(/-c watchlistCacheSeconds/);
  });

  it('names both stacks after the stage so stages can share an account', () => {
    const { stateful, stateless } = synthNewswatch({ stage: 'qa' });
    expect([stateful.stackName, stateless.stackName]).toEqual(['newswatch-qa-data', 'newswatch-qa-app']);
    expect(stateless.dependencies).toContain(stateful);
  });

  it('refuses a log retention CloudWatch does not offer', () => {
    expect(() => synthNewswatch({ logRetentionDays: '31' })).toThrow(/logRetentionDays must be one of/);
  });
});
