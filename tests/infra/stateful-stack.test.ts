import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { tableDesign } from '../../functions/adapters/table-design';
import { synthNewswatch } from './synth';

let template: Template;
let terminationProtection: boolean | undefined;

beforeAll(() => {
  const { stateful } = synthNewswatch();
  template = Template.fromStack(stateful);
  terminationProtection = stateful.terminationProtection;
});

describe('stateful stack', () => {
  it('builds the single table from table-design: pk/sk, TTL, NEW_IMAGE stream', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: tableDesign.partitionKey.name, KeyType: 'HASH' },
        { AttributeName: tableDesign.sortKey.name, KeyType: 'RANGE' },
      ],
      TimeToLiveSpecification: { AttributeName: tableDesign.timeToLiveAttribute, Enabled: true },
      StreamSpecification: { StreamViewType: tableDesign.streamViewType },
    });
  });

  it('bills the table on demand with point-in-time recovery', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
  });

  it('encrypts the table with the customer-managed, rotating data key', () => {
    const keys = template.findResources('AWS::KMS::Key', { Properties: { EnableKeyRotation: true } });
    const [keyId] = Object.keys(keys);
    expect(keyId).toBeDefined();
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } },
    });
  });

  it('retains and deletion-protects the table and retains its key', () => {
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({ DeletionProtectionEnabled: true }),
    });
    template.hasResource('AWS::KMS::Key', { DeletionPolicy: 'Retain' });
  });

  it('turns on termination protection for the whole stack', () => {
    expect(terminationProtection).toBe(true);
  });

  it('encrypts the alerts topic with KMS, allows publishing over TLS only and retains it', () => {
    template.hasResource('AWS::SNS::Topic', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ KmsMasterKeyId: Match.anyValue() }),
    });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      },
    });
  });

  it('logs delivery failures of HTTP/S, SQS and Lambda subscribers through a role SNS assumes', () => {
    const props = template.findResources('AWS::SNS::Topic');
    const logging = Object.values(props)[0]?.Properties?.DeliveryStatusLogging as { Protocol: string }[];
    expect(logging.map((l) => l.Protocol).sort()).toEqual(['http/s', 'lambda', 'sqs']);
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [Match.objectLike({ Principal: { Service: 'sns.amazonaws.com' } })],
      },
    });
  });

  it('gives subscriptions an encrypted dead-letter queue only the alerts topic may write to', () => {
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({
            Action: 'sqs:SendMessage',
            Principal: { Service: 'sns.amazonaws.com' },
            Condition: { ArnEquals: { 'aws:SourceArn': Match.anyValue() } },
          }),
        ]),
      },
    });
  });

  it('outputs the table name and the alerts topic ARN', () => {
    template.hasOutput('TableName', {});
    template.hasOutput('AlertsTopicArn', {});
  });
});
