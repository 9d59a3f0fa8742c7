import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENV } from '../../functions/adapters/env-names';
import { projectFunctions, synthNewswatch } from './synth';

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

  it("runs each digest run once: Lambda does not retry the scheduler's asynchronous invocation either", () => {
    // A retried run a minute later would send the subscriptions already served a second digest of that minute.
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: Match.objectLike({ Ref: Match.stringLikeRegexp('DigestsDigestFunction') }),
      MaximumRetryAttempts: 0,
    });
  });

  it('tells the digest function the daily hour: 07:00 UTC unless -c dailyDigestHour says otherwise', () => {
    const digestEnv = (t: Template) =>
      projectFunctions(t).find((fn) => String(fn.Properties.Description).includes('digests'))!.Properties.Environment.Variables;
    expect(digestEnv(template)[ENV.dailyDigestHour]).toBe('7');
    expect(digestEnv(Template.fromStack(synthNewswatch({ dailyDigestHour: '18' }).stateless))[ENV.dailyDigestHour]).toBe('18');
    expect(() => synthNewswatch({ dailyDigestHour: '24' })).toThrow(/dailyDigestHour/);
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
