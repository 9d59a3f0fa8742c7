import { Validations } from 'aws-cdk-lib';
import * as cdkNagNamespace from 'cdk-nag';
import type { IConstruct } from 'constructs';

// cdk-nag is CommonJS; depending on the loader its exports sit on the namespace or on `default`.
type CdkNag = typeof cdkNagNamespace;
const cdkNag: CdkNag = (cdkNagNamespace as CdkNag & { default?: CdkNag }).default ?? cdkNagNamespace;
export const { AwsSolutionsChecks } = cdkNag;

/**
 * Acknowledges one cdk-nag finding on one construct (and its children), with the reason on record.
 * cdk-nag 3 matches the exact finding id, e.g. `AwsSolutions-IAM5[Resource::*]`, so every
 * acknowledgement is as narrow as the finding it names.
 */
export function acknowledge(scope: IConstruct, findingId: string, reason: string): void {
  Validations.of(scope).acknowledge({ id: findingId, reason });
}
