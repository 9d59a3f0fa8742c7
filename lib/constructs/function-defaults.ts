import type { RetentionDays } from 'aws-cdk-lib/aws-logs';

/** What every capability construct passes on to its ProjectFunctions. */
export interface FunctionDefaults {
  /** The shared environment (names from functions/adapters/env-names.ts). */
  readonly environment: Record<string, string>;
  readonly logRetention: RetentionDays;
}
