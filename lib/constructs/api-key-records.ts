import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { API_KEYS_PARTITION } from '../../functions/adapters/table-design';

/** Every item action that names its keys: the ones a `dynamodb:LeadingKeys` condition can tell apart. */
const KEYED_ITEM_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
];

/**
 * Keeps `fn` out of the API key records (the APIKEYS partition) whatever else it is granted on the table:
 * the functions that parse untrusted text (feed pages, article bodies) read and write most of the table,
 * and must not be able to mint, read or revoke a key. Only the authorizer reads key records, and only the
 * operator's `newswatch keys` (with AWS credentials) writes them. A Deny beats the Allow of `grantReadWriteData`.
 */
export function keepOutOfApiKeys(fn: IFunction, table: ITable): void {
  fn.addToRolePolicy(
    new PolicyStatement({
      effect: Effect.DENY,
      actions: KEYED_ITEM_ACTIONS,
      resources: [table.tableArn],
      conditions: { 'ForAnyValue:StringEquals': { 'dynamodb:LeadingKeys': [API_KEYS_PARTITION] } },
    }),
  );
}
