import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENV } from '../../functions/adapters/env-names';
import { alertStreamFilter } from '../../functions/adapters/table-design';
import { routes } from '../../functions/core/routes';
import { ProjectFunction } from '../../lib/constructs/project-function';
import { projectFunctions, synthNewswatch } from './synth';

let template: Template;
let projectFunctionConstructs: ProjectFunction[];

beforeAll(() => {
  const { stateless } = synthNewswatch({
    alertEmails: 'ops@example.com,oncall@example.com',
    throttleRate: '75',
    throttleBurst: '150',
    watchlistCacheSeconds: '20',
  });
  template = Template.fromStack(stateless);
  projectFunctionConstructs = stateless.node.findAll().filter((c): c is ProjectFunction => c instanceof ProjectFunction);
});

const resourcesOf = (type: string) => Object.values(template.findResources(type)) as { Properties: Record<string, any> }[];

describe('functions', () => {
  it('deploys eight functions (ingest, api, authorizer, alert dispatcher, sweeper, digests, feed dispatcher, feed poller), all Node.js 22 on ARM64 with active tracing', () => {
    const functions = projectFunctions(template);
    expect(functions).toHaveLength(8);
    for (const fn of functions) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        Handler: 'index.handler',
      });
    }
  });

  it('gives every function the shared environment from config, without source maps read at cold start', () => {
    for (const fn of projectFunctions(template)) {
      const vars = fn.Properties.Environment.Variables;
      expect(Object.keys(vars)).toEqual(
        expect.arrayContaining([
          ENV.tableName,
          ENV.topicArn,
          ENV.retentionDays,
          ENV.maxBodyBytes,
          'POWERTOOLS_SERVICE_NAME',
          'POWERTOOLS_METRICS_NAMESPACE',
        ]),
      );
      expect(vars[ENV.watchlistTtlSeconds]).toBe('20');
      // --enable-source-maps costs 10–15 ms of CPU per cold start; it is set by hand while debugging.
      expect(vars.NODE_OPTIONS).toBeUndefined();
    }
  });

  it('sends each function to its own log group with a retention period', () => {
    const groups = resourcesOf('AWS::Logs::LogGroup').filter((g) => g.Properties.RetentionInDays !== undefined);
    expect(groups.length).toBeGreaterThanOrEqual(4);
    for (const fn of projectFunctions(template)) expect(fn.Properties.LoggingConfig?.LogGroup).toBeDefined();
  });

  it('creates each function, its log group and its execution role inside its own ProjectFunction scope', () => {
    expect(projectFunctionConstructs.length).toBe(projectFunctions(template).length);
    for (const pf of projectFunctionConstructs) {
      expect([pf.function.node.scope, pf.logGroup.node.scope, pf.executionRole.node.scope]).toEqual([pf, pf, pf]);
    }
  });

  it('lets the authorizer only read the table', () => {
    const authorizerPolicy = Object.entries(template.findResources('AWS::IAM::Policy')).find(([id]) => id.startsWith('ApiAuthorizer'));
    const actions = (authorizerPolicy![1].Properties.PolicyDocument.Statement as { Action: string | string[] }[]).flatMap((s) => s.Action);
    expect(actions).toContain('dynamodb:GetItem');
    expect(actions.filter((a) => /dynamodb:(Put|Update|Delete|BatchWrite)/.test(a))).toEqual([]);
  });
});

describe('alert stream consumer', () => {
  it('reports partial batch failures, bisects failing batches and retries a bounded number of times', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: Match.anyValue(),
      MaximumRecordAgeInSeconds: Match.anyValue(),
    });
    const [mapping] = resourcesOf('AWS::Lambda::EventSourceMapping');
    expect(mapping?.Properties.MaximumRetryAttempts).toBeGreaterThan(0);
    expect(mapping?.Properties.MaximumRetryAttempts).toBeLessThanOrEqual(10);
  });

  it('sends what still fails to the stream dead-letter queue', () => {
    const [dlqId] = Object.keys(template.findResources('AWS::SQS::Queue'));
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [dlqId, 'Arn'] } } },
    });
  });

  it('filters the stream with the shared alertStreamFilter (new articles with matches only)', () => {
    const [mapping] = resourcesOf('AWS::Lambda::EventSourceMapping');
    const patterns = mapping?.Properties.FilterCriteria.Filters.map((f: { Pattern: string }) => JSON.parse(f.Pattern));
    expect(patterns).toEqual([alertStreamFilter]);
  });

  it('encrypts the dead-letter queue and refuses plain-HTTP access to it', () => {
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      },
    });
  });
});

describe('what is left when the app stack is removed', () => {
  it('keeps the stream dead-letter queue, and the alerts it holds, when the app stack is deleted', () => {
    const [mapping] = resourcesOf('AWS::Lambda::EventSourceMapping');
    const streamDlq = mapping?.Properties.DestinationConfig.OnFailure.Destination['Fn::GetAtt'][0];

    expect(template.findResources('AWS::SQS::Queue')[streamDlq]).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  it('deletes the feed dead-letter queue with the stack: its messages only name feeds, which are due again anyway', () => {
    const queues = Object.values(template.findResources('AWS::SQS::Queue')) as any[];
    const feedDlqId = queues.flatMap((q) => q.Properties?.RedrivePolicy?.deadLetterTargetArn?.['Fn::GetAtt']?.[0] ?? [])[0];

    expect(template.findResources('AWS::SQS::Queue')[feedDlqId]).toMatchObject({ DeletionPolicy: 'Delete' });
  });

  it('schedules the ops topic key for deletion with the stack: nothing encrypted with it outlives the stack', () => {
    template.hasResource('AWS::KMS::Key', {
      DeletionPolicy: 'Delete',
      Properties: Match.objectLike({ Description: 'newswatch ops topic encryption', PendingWindowInDays: 7 }),
    });
  });
});

describe('HTTP API', () => {
  it('authorizes with the API-key Lambda: simple responses, key and route as identity, a short cache', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'REQUEST',
      EnableSimpleResponses: true,
      IdentitySource: ['$request.header.x-api-key', '$context.routeKey'],
      AuthorizerResultTtlInSeconds: Match.anyValue(),
    });
    const [authorizer] = resourcesOf('AWS::ApiGatewayV2::Authorizer');
    expect(authorizer?.Properties.AuthorizerResultTtlInSeconds).toBeGreaterThan(0);
    expect(authorizer?.Properties.AuthorizerResultTtlInSeconds).toBeLessThanOrEqual(60);
  });

  it('creates exactly the routes in functions/core/routes.ts, each behind the authorizer', () => {
    const created = resourcesOf('AWS::ApiGatewayV2::Route');
    expect(created.map((r) => r.Properties.RouteKey).sort()).toEqual(routes.map((r) => r.key).sort());
    for (const route of created) expect(route.Properties.AuthorizationType).toBe('CUSTOM');
  });

  it('throttles the default stage from config and writes JSON access logs', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      DefaultRouteSettings: { ThrottlingRateLimit: 75, ThrottlingBurstLimit: 150 },
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('"routeKey":"\\$context.routeKey"') },
    });
  });

  it('outputs the API URL and the stream DLQ URL', () => {
    template.hasOutput('ApiUrl', {});
    template.hasOutput('StreamDlqUrl', {});
  });
});

describe('operations', () => {
  const alarmOn = (metricName: string, namespace: string) =>
    resourcesOf('AWS::CloudWatch::Alarm').filter((a) => a.Properties.MetricName === metricName && a.Properties.Namespace === namespace);

  it('alarms on errors and throttles of every function', () => {
    expect(alarmOn('Errors', 'AWS/Lambda')).toHaveLength(8);
    expect(alarmOn('Throttles', 'AWS/Lambda')).toHaveLength(8);
  });

  it('alarms as soon as the completeness sweeper finds an alert that was lost on the way', () => {
    const overdue = alarmOn('AlertsOverdue', 'Newswatch');
    expect(overdue).toHaveLength(1);
    expect(overdue[0]!.Properties).toMatchObject({ Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
  });

  it('alarms as soon as an article is stored without being counted into its story', () => {
    const uncounted = alarmOn('StoryWritesFailed', 'Newswatch');
    expect(uncounted).toHaveLength(1);
    expect(uncounted[0]!.Properties).toMatchObject({
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Statistic: 'Sum',
      Dimensions: [{ Name: 'service', Value: 'newswatch' }],
    });
  });

  it('alarms as soon as the alert dispatcher fails a stream record (a batch item failure is no Lambda error)', () => {
    const failed = alarmOn('StreamRecordsFailed', 'Newswatch');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.Properties).toMatchObject({ Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', Statistic: 'Sum' });
  });

  it('alarms as soon as a dead-letter queue holds a message', () => {
    const depth = alarmOn('ApproximateNumberOfMessagesVisible', 'AWS/SQS');
    expect(depth).toHaveLength(3);
    for (const alarm of depth)
      expect(alarm.Properties).toMatchObject({ Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
  });

  it('alarms on stream iterator age, API 5xx and failed SNS deliveries', () => {
    expect(alarmOn('IteratorAge', 'AWS/Lambda')).toHaveLength(1);
    expect(alarmOn('5xx', 'AWS/ApiGateway')).toHaveLength(1);
    expect(alarmOn('NumberOfNotificationsFailed', 'AWS/SNS')).toHaveLength(1);
  });

  it('notifies an encrypted ops topic that the configured e-mail addresses subscribe to', () => {
    const [opsTopicId] = Object.keys(template.findResources('AWS::SNS::Topic', { Properties: { KmsMasterKeyId: Match.anyValue() } }));
    for (const alarm of resourcesOf('AWS::CloudWatch::Alarm')) expect(alarm.Properties.AlarmActions).toEqual([{ Ref: opsTopicId }]);
    const endpoints = resourcesOf('AWS::SNS::Subscription').map((s) => [s.Properties.Protocol, s.Properties.Endpoint]);
    expect(endpoints).toEqual([
      ['email', 'ops@example.com'],
      ['email', 'oncall@example.com'],
    ]);
  });
});

describe('completeness', () => {
  it('runs the completeness sweeper every minute', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 minute)',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('SweeperFunction'), 'Arn'] } })],
    });
  });

  it('runs each sweep once: Lambda does not retry its asynchronous invocation (the next minute does)', () => {
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: Match.objectLike({ Ref: Match.stringLikeRegexp('SweeperFunction') }),
      MaximumRetryAttempts: 0,
    });
  });

  it('lets the dispatcher and the sweeper park a record in the stream dead-letter queue at once', () => {
    const withDlq = resourcesOf('AWS::Lambda::Function').filter((fn) => fn.Properties.Environment?.Variables?.[ENV.alertDlqUrl]);
    expect(withDlq).toHaveLength(2);
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: Match.arrayWith(['sqs:SendMessage']),
            Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('StreamDlq'), 'Arn'] },
          }),
        ]),
      },
    });
  });
});
