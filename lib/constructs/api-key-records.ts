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
  // A scan, or a PartiQL statement, names no leading key, so no condition can keep it out of the key
  // records: denied outright (no function scans the table or speaks PartiQL; grantReadWriteData allows both).
  fn.addToRolePolicy(
    new PolicyStatement({ effect: Effect.DENY, actions: UNKEYED_ACTIONS, resources: [table.tableArn, `${table.tableArn}/index/*`] }),
  );
}

/** Table reads and writes that name no key: Scan and PartiQL. */
const UNKEYED_ACTIONS = [
  'dynamodb:Scan',
  'dynamodb:PartiQLSelect',
  'dynamodb:PartiQLInsert',
  'dynamodb:PartiQLUpdate',
  'dynamodb:PartiQLDelete',
];
