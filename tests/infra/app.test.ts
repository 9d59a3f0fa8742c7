import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS, checkContextKeys, type ConfigError, readConfig } from '../../lib/config';
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

  it('finds nothing unacknowledged for an account bootstrapped with a qualifier of its own', () => {
    const { app } = synthNewswatch({ '@aws-cdk/core:bootstrapQualifier': 'myqual' });

    const report = new AwsSolutionsChecks(app).validateScope(app);

    expect(report.violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} at ${r.constructPath}`))).toEqual([]);
  });
});

describe('synth output', () => {
  it('has no warning a deployer would have to learn to ignore', () => {
    // With cdk.json's feature flags, as `npx cdk synth` reads them (the other tests' app leaves them out).
    const flags = (JSON.parse(readFileSync(join(process.cwd(), 'cdk.json'), 'utf8')) as { context: Record<string, unknown> }).context;
    const { stateful, stateless } = synthNewswatch({ ...flags, alertEmails: 'ops@example.com' });
    for (const stack of [stateful, stateless]) {
      const warnings = Annotations.fromStack(stack).findWarning('*', Match.anyValue());
      // Path and text, so a failure says which construct warns and why.
      expect(warnings.map((w) => `${w.id}: ${String(w.entry.data)}`)).toEqual([]);
    }
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
      dailyDigestHour: 7,
    });
  });

  it('reads -c strings: comma-separated e-mails and numbers', () => {
    const config = readConfig(contextOf({ stage: 'prod', alertEmails: 'a@example.com, b@example.com', throttleRate: '200' }));
    expect(config).toMatchObject({ stage: 'prod', alertEmails: ['a@example.com', 'b@example.com'], throttleRate: 200 });
  });

  it('reads whole-number settings in decimal digits only (a -c value in hex or with an exponent is refused), fractional rates as numbers', () => {
    expect(readConfig(contextOf({ maxBodyBytes: '2048', throttleRate: '2.5', ingestRate: '0.5' }))).toMatchObject({
      maxBodyBytes: 2048,
      throttleRate: 2.5,
      ingestRate: 0.5,
    });
    expect(readConfig(contextOf({ logRetentionDays: 90 })).logRetentionDays).toBe(90);
    for (const value of ['0x800', '2e3', '2048.0'])
      expect(() => readConfig(contextOf({ maxBodyBytes: value })), value).toThrow(
        '-c maxBodyBytes: must be a whole number from 1024 to 4194304, in decimal digits',
      );
    expect(() => readConfig(contextOf({ dailyDigestHour: '7e0' }))).toThrow(
      '-c dailyDigestHour: must be a whole number from 0 to 23, in decimal digits',
    );
    expect(readConfig(contextOf({ throttleRate: '.5', ingestRate: '0.25' }))).toMatchObject({ throttleRate: 0.5, ingestRate: 0.25 });
    for (const value of ['0x32', '5e1', '0', '-1', '20000'])
      expect(() => readConfig(contextOf({ throttleRate: value })), value).toThrow(
        '-c throttleRate: must be a number above 0 and at most 10000, in decimal notation (2.5)',
      );
  });

  it('names the range of a whole-number setting out of it, not its form alone (24 is a whole number, but no hour)', () => {
    const refusal = (key: string, value: unknown) => () => readConfig(contextOf({ [key]: value }));
    expect(refusal('dailyDigestHour', '24')).toThrow('-c dailyDigestHour: must be a whole number from 0 to 23, in decimal digits');
    expect(refusal('maxBodyBytes', '100')).toThrow('-c maxBodyBytes: must be a whole number from 1024 to 4194304, in decimal digits');
    expect(refusal('throttleBurst', '6000')).toThrow('-c throttleBurst: must be a whole number from 1 to 5000, in decimal digits');
    expect(refusal('ingestConcurrency', 1_001)).toThrow('-c ingestConcurrency: must be a whole number from 0 to 1000, in decimal digits');
    expect(refusal('watchlistCacheSeconds', 7.5)).toThrow(
      '-c watchlistCacheSeconds: must be a whole number from 0 to 60, in decimal digits',
    );
    expect(refusal('logRetentionDays', '0')).toThrow('-c logRetentionDays: must be a whole number of at least 1, in decimal digits');
  });

  it('rejects bad values with a message naming each bad key', () => {
    const bad = () => readConfig(contextOf({ stage: 'Prod!', alertEmails: 'not-an-email', watchlistCacheSeconds: '600' }));
    expect(bad).toThrow(/-c stage: .*\n.*-c alertEmails/);
    expect(bad).toThrow(/-c watchlistCacheSeconds/);
  });

  it('names the address in alertEmails that is not one, under the key the operator typed', () => {
    const bad = () => readConfig(contextOf({ alertEmails: 'ops@example.com, oncall-at-example.com' }));
    expect(bad).toThrow(
      'Invalid newswatch configuration:\n  -c alertEmails: "oncall-at-example.com" is not an e-mail address (separate addresses with commas)',
    );
  });

  it('refuses one mailbox listed twice in alertEmails (the ops topic cannot subscribe it twice), its domain in any case', () => {
    for (const alertEmails of ['ops@example.com,ops@example.com', 'ops@example.com, ops@EXAMPLE.com']) {
      expect(() => readConfig(contextOf({ alertEmails }))).toThrow('-c alertEmails: lists one address twice');
    }
    expect(readConfig(contextOf({ alertEmails: 'ops@example.com,oncall@example.com' })).alertEmails).toHaveLength(2);
  });

  it('caps maxBodyBytes where Lambda still takes the request (4 MiB), so a big body is a 413, not a 5xx', () => {
    expect(readConfig(contextOf({ maxBodyBytes: '4194304' })).maxBodyBytes).toBe(4 * 1024 * 1024);
    expect(() => readConfig(contextOf({ maxBodyBytes: '8000000' }))).toThrow(/-c maxBodyBytes: must be .* 1024 to 4194304/);
  });

  it('names the ingest key that exceeds its stage limit, and only once the stage limits themselves are valid', () => {
    expect(() => readConfig(contextOf({ ingestBurst: '200' }))).toThrow(
      /^Invalid newswatch configuration:\n {2}-c ingestBurst: must not exceed throttleBurst/,
    );
    let problems: readonly string[] = [];
    try {
      readConfig(contextOf({ throttleRate: '0' }));
    } catch (error) {
      problems = (error as ConfigError).problems;
    }
    expect(problems).toEqual([expect.stringMatching(/^-c throttleRate: /)]);
  });

  // `-c stage=` reached the schema as no value at all and deployed the `dev` stage.
  it('refuses an empty or blank value for every key, naming the key and its default, instead of taking it as unset', () => {
    const defaults = readConfig(contextOf({}));
    for (const key of CONFIG_KEYS)
      for (const value of ['', '  ']) {
        const shown = key === 'alertEmails' ? 'none' : String(defaults[key]);
        expect(() => readConfig(contextOf({ [key]: value })), `${key}=${JSON.stringify(value)}`).toThrow(
          `Invalid newswatch configuration:\n  -c ${key}: empty value (leave -c ${key} out for its default, ${shown})`,
        );
      }
    // A list of addresses made of commas alone names none either.
    expect(() => readConfig(contextOf({ alertEmails: ' , ,' }))).toThrow('-c alertEmails: empty value');
  });

  it('names both stacks after the stage so stages can share an account', () => {
    const { stateful, stateless } = synthNewswatch({ stage: 'qa' });
    expect([stateful.stackName, stateless.stackName]).toEqual(['newswatch-qa-data', 'newswatch-qa-app']);
    expect(stateless.dependencies).toContain(stateful);
  });

  it('refuses a log retention CloudWatch does not offer, naming the periods it does', () => {
    expect(() => synthNewswatch({ logRetentionDays: '31' })).toThrow(
      /-c logRetentionDays: must be one of the periods CloudWatch Logs offers \(1, 3, 5, 7, 14, 30, 60, .*, 9999\)$/,
    );
    expect(readConfig(contextOf({ logRetentionDays: '14' })).logRetentionDays).toBe(14);
  });
});

describe('the CDK app entry (bin/newswatch.ts) with bad context', () => {
  const repoRoot = join(__dirname, '..', '..');
  /** Runs the app as `cdk synth` does, with the context CDK hands it in CDK_CONTEXT_JSON. */
  const synthWith = (context: Record<string, string>) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'bin/newswatch.ts'], {
      cwd: repoRoot,
      encoding: 'utf8',
      env: { ...process.env, CDK_CONTEXT_JSON: JSON.stringify(context), CDK_OUTDIR: join(repoRoot, 'cdk.out', 'bad-context') },
    });

  it('refuses a misspelled -c key in one line that lists the known keys, exit 2, no stack trace', () => {
    const result = synthWith({ stag: 'prod' });

    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([`newswatch: -c stag: not a newswatch setting (known: ${CONFIG_KEYS.join(', ')})`]);
  });

  it('prints a bad value in one line, exit 2, no stack trace', () => {
    const result = synthWith({ throttleRate: 'fast' });

    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^newswatch: -c throttleRate: .*number/)]);
  });

  // A retention CloudWatch does not offer was refused by the stack, with a stack trace, exit 1.
  it('prints a log retention CloudWatch does not offer in one line, exit 2, no stack trace', () => {
    const result = synthWith({ logRetentionDays: '31' });

    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^newswatch: -c logRetentionDays: must be one of the periods/),
    ]);
  });

  it('refuses an empty -c value in one line, exit 2, no stack trace (it deployed the dev stage)', () => {
    const result = synthWith({ stage: '' });

    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual(['newswatch: -c stage: empty value (leave -c stage out for its default, dev)']);
  });

  it("leaves CDK's own context keys alone (feature flags, switches, lookups)", () => {
    expect(() =>
      checkContextKeys(['@aws-cdk/core:checkSecretUsage', 'aws:cdk:bundling-stacks', 'availability-zones:account=1:region=x', 'stage']),
    ).not.toThrow();
  });
});
