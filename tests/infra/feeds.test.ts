import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENV } from '../../functions/adapters/env-names';
import { synthNewswatch } from './synth';

let template: Template;

beforeAll(() => {
  template = Template.fromStack(synthNewswatch().stateless);
});

const resources = (type: string) => Object.entries(template.findResources(type)) as [string, { Properties: Record<string, any> }][];
const functionWith = (description: string) =>
  resources('AWS::Lambda::Function').find(([, fn]) => String(fn.Properties.Description).includes(description))!;

describe('Feeds construct', () => {
  it('runs the feed dispatcher on a schedule, every minute', () => {
    const [dispatcherId] = functionWith('feeds that are due');
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 minute)',
      State: 'ENABLED',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [dispatcherId, 'Arn'] }, RetryPolicy: { MaximumRetryAttempts: 2 } })],
    });
  });

  it('gives the dispatcher the feed queue, and lets it send there', () => {
    const [, dispatcher] = functionWith('feeds that are due');
    const [queueId] = resources('AWS::SQS::Queue').find(([, q]) => q.Properties.RedrivePolicy)!;
    expect(dispatcher.Properties.Environment.Variables[ENV.feedQueueUrl]).toEqual({ Ref: queueId });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: Match.arrayWith(['sqs:SendMessage']), Resource: { 'Fn::GetAtt': [queueId, 'Arn'] } }),
        ]),
      },
    });
  });

  it('feeds the poller from the queue with partial batch responses and bounded concurrency', () => {
    const [pollerId] = functionWith('polls feeds');
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: pollerId },
      BatchSize: 5,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: 20 },
    });
  });

  it('groups the feed queue by host: FIFO queue and dead-letter queue, so one host is polled by one poller at a time', () => {
    const [queueId, queue] = resources('AWS::SQS::Queue').find(([, q]) => q.Properties.RedrivePolicy)!;
    const dlqId = queue.Properties.RedrivePolicy.deadLetterTargetArn['Fn::GetAtt'][0];
    const [, dlq] = resources('AWS::SQS::Queue').find(([id]) => id === dlqId)!;
    expect(queue.Properties.FifoQueue).toBe(true);
    expect(dlq.Properties.FifoQueue).toBe(true);
    // The dispatcher gives each claim its own deduplication id; the body alone would drop a feed's next poll.
    expect(queue.Properties.ContentBasedDeduplication).toBeUndefined();
    const [pollerId] = functionWith('polls feeds');
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: pollerId },
      EventSourceArn: { 'Fn::GetAtt': [queueId, 'Arn'] },
      // FIFO event sources allow no batching window and at most 10 messages a batch.
      MaximumBatchingWindowInSeconds: Match.absent(),
    });
  });

  it('sends a message that failed three times to an encrypted dead-letter queue, watched by an alarm', () => {
    const [, queue] = resources('AWS::SQS::Queue').find(([, q]) => q.Properties.RedrivePolicy)!;
    const dlqId = queue.Properties.RedrivePolicy.deadLetterTargetArn['Fn::GetAtt'][0];
    expect(queue.Properties.RedrivePolicy.maxReceiveCount).toBe(3);
    expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
    // The visibility timeout outlasts a poll six times over (poller timeout 120 s).
    expect(queue.Properties.VisibilityTimeout).toBe(720);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [dlqId, 'QueueName'] } }],
    });
  });

  it('alarms the operators on feed errors counted by the poller', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'Newswatch',
      MetricName: 'FeedErrors',
      Dimensions: [{ Name: 'service', Value: 'newswatch' }],
      Statistic: 'Sum',
      Threshold: 25,
      AlarmActions: [Match.anyValue()],
    });
  });
});
