import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, it } from 'vitest';
import { synthNewswatch } from './synth';

let template: Template;

beforeAll(() => {
  const { stateless } = synthNewswatch();
  template = Template.fromStack(stateless);
});

describe('digests', () => {
  it('runs the digest function from EventBridge Scheduler at the top of every hour (UTC)', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 * * * ? *)',
      Target: Match.objectLike({ Arn: Match.anyValue(), RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 0 }) }),
    });
  });

  it('lets the digest function publish to the alerts topic', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: Match.objectLike({
        Statement: Match.arrayWith([Match.objectLike({ Action: 'sns:Publish' })]),
      }),
      Roles: Match.arrayWith([Match.objectLike({ Ref: Match.stringLikeRegexp('DigestsDigestFunction') })]),
    });
  });
});
