import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { synthNewswatch } from './synth';

/**
 * An update must never replace what holds data: CloudFormation would create a new, empty table (or a
 * topic without subscribers) and switch to it, leaving the retained old one behind. A replacement
 * comes from a new logical id (a renamed construct) or a change of a property that cannot be updated
 * in place. These are pinned here literally — not read from table-design.ts — so such a change fails
 * before anyone deploys it (docs/operations.md, "Updating safely").
 */
let resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;

beforeAll(() => {
  const { stateful } = synthNewswatch();
  resources = Template.fromStack(stateful).toJSON().Resources;
});

const idsOf = (type: string) =>
  Object.entries(resources)
    .filter(([, r]) => r.Type === type)
    .map(([id]) => id);

describe('data stack: nothing that holds data is ever replaced', () => {
  it('keeps the logical ids of the table, the alerts topic, the subscription DLQ and the data key', () => {
    expect(idsOf('AWS::DynamoDB::Table')).toEqual(['StorageTableB43FDCE7']);
    expect(idsOf('AWS::SNS::Topic')).toEqual(['AlertsTopicCF7C81C9']);
    expect(idsOf('AWS::SQS::Queue')).toEqual(['AlertsSubscriptionDlqE4573CEB']);
    expect(idsOf('AWS::KMS::Key')).toEqual(['DataKey17AFBB84']);
  });

  it("keeps the table's key schema (pk/sk, strings)", () => {
    const table = resources.StorageTableB43FDCE7!.Properties;

    expect(table.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(table.AttributeDefinitions).toEqual([
      { AttributeName: 'pk', AttributeType: 'S' },
      { AttributeName: 'sk', AttributeType: 'S' },
    ]);
  });

  it('lets CloudFormation name them (setting a name later would replace them)', () => {
    expect(resources.StorageTableB43FDCE7!.Properties).not.toHaveProperty('TableName');
    expect(resources.AlertsTopicCF7C81C9!.Properties).not.toHaveProperty('TopicName');
    expect(resources.AlertsSubscriptionDlqE4573CEB!.Properties).not.toHaveProperty('QueueName');
  });
});
