import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import * as z from 'zod';
import { decimalInteger, wholeNumberForm } from '../functions/core/text/decimal-integer';

/**
 * Deployment configuration: the one typed description of what an operator may vary per stage.
 * Values come from CDK context (`-c stage=prod -c alertEmails=ops@example.com,oncall@example.com`
 * or the "context" block of cdk.json); everything has a safe default so a bare `cdk synth` works.
 */
const csv = z.preprocess(
  (value) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : value,
  z
    .array(z.email({ error: (issue) => `${JSON.stringify(issue.input)} is not an e-mail address (separate addresses with commas)` }))
    // One mailbox twice (domains are not case-sensitive) would be two subscriptions of the ops topic, and CDK refuses the same id twice.
    .refine((emails) => new Set(emails.map(mailbox)).size === emails.length, { error: 'lists one address twice' }),
);

/** An address as a mailbox: its domain in lower case. */
const mailbox = (email: string) => {
  const at = email.lastIndexOf('@');
  return `${email.slice(0, at)}@${email.slice(at + 1).toLowerCase()}`;
};

/**
 * The largest request body an operator may allow: a synchronous Lambda invocation takes at most 6 MB, and
 * API Gateway base64-encodes a body it does not take for text (4 MiB becomes ≈ 5.6 MB), envelope aside.
 */
const MAX_LAMBDA_BODY_BYTES = 4 * 1024 * 1024;

/**
 * A whole-number setting from `min` to `max` (no `max`: any from `min` up): a JSON number from cdk.json, or
 * the text of `-c key=…` in decimal digits only (`z.coerce` would read `-c maxBodyBytes=0x100000` or `1e6` as
 * numbers nobody wrote; they are refused). Every refusal says the form and the range alike: `-c
 * dailyDigestHour=24` is written as it should be, and only the range tells the operator what is wrong.
 */
const wholeNumber = (min: number, max?: number) => {
  const error = max === undefined ? `must be a whole number of at least ${min}, in decimal digits` : `must be ${wholeNumberForm(min, max)}`;
  const atLeast = z.number({ error }).int().min(min);
  return z.preprocess(
    (value) => (typeof value === 'string' ? decimalInteger(value) : value),
    max === undefined ? atLeast : atLeast.max(max),
  );
};

/** The log retention periods, in days, CloudWatch Logs offers (RetentionDays: 9999 is its INFINITE, logs never expire). */
const RETENTION_PERIODS = Object.values(RetentionDays).filter((days): days is number => typeof days === 'number');

/** Text of a plain decimal number (`2.5`, `.5`, `50`): `z.coerce` would also read `0x32` or `5e1` as 50. */
const DECIMAL_NUMBER = /^\s*(\d+(\.\d*)?|\.\d+)\s*$/;

/** A rate in requests per second, above 0 and at most `max`: a JSON number, or `-c key=…` in decimal notation. */
const rate = (max: number) =>
  z.preprocess(
    (value) => (typeof value === 'string' ? (DECIMAL_NUMBER.test(value) ? Number(value) : Number.NaN) : value),
    z
      .number({ error: `must be a number above 0 and at most ${max}, in decimal notation (2.5)` })
      .positive()
      .max(max),
  );

const noIssues = (payload: { issues: readonly unknown[] }) => payload.issues.length === 0;

export const NewswatchConfig = z
  .object({
    /** Stage name; part of every stack name so several stages can live in one account. */
    stage: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,19}$/, 'stage must be a lowercase slug of at most 20 characters')
      .default('dev'),
    /** Who receives the operational alarms (not the article alerts: those are API subscriptions). */
    alertEmails: csv.default([]),
    /** Articles and their tag index expire after this many days; 0 keeps them forever. */
    articleRetentionDays: wholeNumber(0, 36_500).default(365),
    /** API stage throttling: steady-state requests per second and burst. */
    throttleRate: rate(10_000).default(50),
    throttleBurst: wholeNumber(1, 5_000).default(100),
    /** POST /articles alone (a batch is up to 100 articles): requests per second and burst. */
    ingestRate: rate(10_000).default(20),
    ingestBurst: wholeNumber(1, 5_000).default(40),
    /**
     * Reserved concurrency of the ingest and api functions: the most instances a flood can hold, so the
     * rest of the account's concurrency stays free. 0 reserves nothing (an account whose concurrency
     * quota is still the new-account 10 cannot reserve any: Lambda keeps 100 unreserved, or all 10).
     */
    ingestConcurrency: wholeNumber(0, 1_000).default(25),
    apiConcurrency: wholeNumber(0, 1_000).default(25),
    /** How long a Lambda keeps the watchlist before re-reading it; changes apply within a minute. */
    watchlistCacheSeconds: wholeNumber(0, 60).default(30),
    /** Largest accepted request body: past MAX_LAMBDA_BODY_BYTES Lambda itself would refuse the request (a 5xx, not a 413). */
    maxBodyBytes: wholeNumber(1_024, MAX_LAMBDA_BODY_BYTES).default(1024 * 1024),
    /** The UTC hour (0–23) at which daily digests go out. */
    dailyDigestHour: wholeNumber(0, 23).default(7),
    /** CloudWatch Logs retention for function and access logs. */
    logRetentionDays: wholeNumber(1)
      .refine((days) => RETENTION_PERIODS.includes(days as number), {
        error: `must be one of the periods CloudWatch Logs offers (${RETENTION_PERIODS.join(', ')})`,
      })
      .default(30),
  })
  .strict()
  // Compared only once every key is valid: a refused throttleRate would also fail ingestRate's check, naming a key nobody set.
  .refine((c) => c.ingestRate <= c.throttleRate, {
    path: ['ingestRate'],
    error: 'must not exceed throttleRate (the POST /articles limit sits inside the stage limit)',
    when: noIssues,
  })
  .refine((c) => c.ingestBurst <= c.throttleBurst, {
    path: ['ingestBurst'],
    error: 'must not exceed throttleBurst (the POST /articles limit sits inside the stage limit)',
    when: noIssues,
  });
export type NewswatchConfig = z.infer<typeof NewswatchConfig>;

/** Context keys read by {@link readConfig}; anything else in context is CDK's own business. */
export const CONFIG_KEYS = Object.keys(NewswatchConfig.shape) as (keyof NewswatchConfig)[];

/** A configuration the app refuses, one problem per bad key (`-c key: what is wrong`). */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid newswatch configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** CDK's own bare context keys (the rest of CDK's are `@aws-cdk/…` flags or contain a colon). */
const CDK_BARE_KEYS = new Set(['acknowledged-issue-numbers']);

/** Whether a context key belongs to CDK: feature flags (`@aws-cdk/…`), switches (`aws:cdk:…`), lookups (`availability-zones:…`). */
const isCdkKey = (key: string) => key.startsWith('@') || key.includes(':') || CDK_BARE_KEYS.has(key);

/**
 * Refuses context keys that are neither newswatch settings nor CDK's own: a misspelled `-c stag=prod`
 * would otherwise be ignored and deploy the `dev` stage.
 */
export function checkContextKeys(keys: readonly string[]): void {
  const known = new Set<string>(CONFIG_KEYS);
  const unknown = keys.filter((key) => !known.has(key) && !isCdkKey(key));
  if (unknown.length > 0)
    throw new ConfigError(unknown.map((key) => `-c ${key}: not a newswatch setting (known: ${CONFIG_KEYS.join(', ')})`));
}

/**
 * Builds the config from a context lookup (e.g. `(k) => app.node.tryGetContext(k)`), failing the synth
 * with a message that names every bad key instead of deploying something half-configured.
 */
export function readConfig(lookup: (key: string) => unknown): NewswatchConfig {
  const given = CONFIG_KEYS.map((key) => [key, lookup(key)] as const).filter(([, value]) => value !== undefined);
  // `-c stage=` arrives as '' and was taken as unset, deploying `dev`: an empty value is refused like any bad one.
  const empty = given.filter(([key, value]) => typeof value === 'string' && (key === 'alertEmails' ? /^[\s,]*$/ : /^\s*$/).test(value));
  if (empty.length > 0)
    throw new ConfigError(empty.map(([key]) => `-c ${key}: empty value (leave -c ${key} out for its default, ${shownDefault(key)})`));
  const parsed = NewswatchConfig.safeParse(Object.fromEntries(given));
  // Named by the key the operator typed (`-c alertEmails`), not by zod's path into the parsed value (`alertEmails.1`).
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => `-c ${String(i.path[0])}: ${i.message}`));
  return parsed.data;
}

/** A setting's default as an operator would write it (`dev`, `30`; no addresses is `none`). */
function shownDefault(key: keyof NewswatchConfig): string {
  const value = NewswatchConfig.parse({})[key];
  return Array.isArray(value) ? value.join(',') || 'none' : String(value);
}
