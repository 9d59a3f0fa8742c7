import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../lib/config';
import { INGEST_ROUTE, SUBSCRIPTION_ACTIONS } from '../../lib/constructs/api';
import { TOPIC_POLICY_ACTIONS } from '../../lib/constructs/tls-only';
import { projectFunctions, synthNewswatch } from './synth';

type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: unknown; Principal?: unknown };

let app: Template;
let data: Template;

beforeAll(() => {
  const { stateless, stateful } = synthNewswatch();
  app = Template.fromStack(stateless);
  data = Template.fromStack(stateful);
});

const statementsOf = (template: Template, type: string, idPrefix: string): Statement[] =>
  Object.entries(template.findResources(type))
    .filter(([id]) => id.startsWith(idPrefix))
    .flatMap(([, r]) => r.Properties.PolicyDocument.Statement as Statement[]);
const actionsOf = (s: Statement) => [s.Action].flat();
const functionDescribed = (template: Template, description: string) =>
  projectFunctions(template).find((fn) => String(fn.Properties.Description).includes(description))!.Properties;

/** `<the alerts topic's ARN, imported from the data stack>:*`, the ARN pattern of its subscriptions. */
const alertsTopicSubscriptions = { 'Fn::Join': ['', [{ 'Fn::ImportValue': 'newswatch-dev-data-AlertsTopicArn' }, ':*']] };

describe("the api function's SNS permissions", () => {
  it('may unsubscribe and read or change subscription attributes only on subscriptions of the alerts topic', () => {
    const api = statementsOf(app, 'AWS::IAM::Policy', 'ApiApiFunction');
    const onSubscriptions = api.filter((s) => s.Effect === 'Allow' && actionsOf(s).some((a) => SUBSCRIPTION_ACTIONS.includes(a as never)));
    expect(onSubscriptions).toHaveLength(1);
    expect(actionsOf(onSubscriptions[0]!).sort()).toEqual([...SUBSCRIPTION_ACTIONS].sort());
    expect(onSubscriptions[0]!.Resource).toEqual(alertsTopicSubscriptions);
  });

  it("may subscribe endpoints to the alerts topic only, through the topic's grantSubscribe", () => {
    const api = statementsOf(app, 'AWS::IAM::Policy', 'ApiApiFunction');
    const subscribe = api.filter((s) => s.Effect === 'Allow' && actionsOf(s).includes('sns:Subscribe'));
    expect(subscribe).toHaveLength(1);
    expect(JSON.stringify(subscribe[0]!.Resource)).toContain('AlertsTopic');
  });

  it('allows no SNS action on every resource', () => {
    const snsOnStar = statementsOf(app, 'AWS::IAM::Policy', 'Api').filter(
      (s) => s.Effect === 'Allow' && s.Resource === '*' && actionsOf(s).some((a) => a.startsWith('sns:')),
    );
    expect(snsOnStar).toEqual([]);
  });

  it('is denied the subscription actions over plain HTTP (a topic policy cannot name them)', () => {
    expect(statementsOf(app, 'AWS::IAM::Policy', 'ApiApiFunction')).toContainEqual({
      Effect: 'Deny',
      Action: [...SUBSCRIPTION_ACTIONS],
      Resource: alertsTopicSubscriptions,
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    });
  });

  it('imports the topic ARN from the export the data stack names', () => {
    data.hasOutput('*', { Export: { Name: 'newswatch-dev-data-AlertsTopicArn' }, Value: { Ref: Match.stringLikeRegexp('^AlertsTopic') } });
  });
});

describe("the authorizer's table permissions", () => {
  it('may only GetItem key records (the APIKEYS partition) and decrypt them: no query, scan or batch read of the table', () => {
    const onTable = statementsOf(app, 'AWS::IAM::Policy', 'ApiAuthorizerFunction').filter((s) =>
      actionsOf(s).some((a) => a.startsWith('dynamodb:')),
    );

    expect(onTable).toEqual([
      expect.objectContaining({
        Effect: 'Allow',
        Action: 'dynamodb:GetItem',
        Condition: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['APIKEYS'] } },
      }),
    ]);
  });
});

describe('the API key records', () => {
  it('are denied to every function but the authorizer (scans too), whatever else it may do on the table', () => {
    const policies = Object.entries(app.findResources('AWS::IAM::Policy')).filter(
      ([id]) => id.includes('FunctionServiceRoleDefaultPolicy') || id.includes('FunctionRoleDefaultPolicy'),
    );
    const denying = (statements: Statement[]) =>
      statements.some(
        (s) =>
          s.Effect === 'Deny' &&
          actionsOf(s).includes('dynamodb:PutItem') &&
          actionsOf(s).includes('dynamodb:GetItem') &&
          JSON.stringify(s.Condition) === JSON.stringify({ 'ForAnyValue:StringEquals': { 'dynamodb:LeadingKeys': ['APIKEYS'] } }),
      );
    const scanDenied = (statements: Statement[]) =>
      statements.some((s) => s.Effect === 'Deny' && s.Condition === undefined && actionsOf(s).includes('dynamodb:Scan'));
    const verdicts = policies.map(([id, r]) => {
      const statements = r.Properties.PolicyDocument.Statement as Statement[];
      return [id.replace(/[0-9A-F]{8}$/, ''), denying(statements) && scanDenied(statements)];
    });

    expect(verdicts.length).toBe(8);
    for (const [id, denied] of verdicts) expect(denied, id as string).toBe(!String(id).startsWith('ApiAuthorizerFunction'));
  });
});

describe('the API access logs', () => {
  it("are kept as long as the functions' logs (30 days by default), not CloudWatch's default", () => {
    const accessLogs = Object.entries(app.findResources('AWS::Logs::LogGroup')).filter(([id]) => id.startsWith('ApiAccessLogs'));
    expect(accessLogs.map(([, r]) => r.Properties.RetentionInDays)).toEqual([30]);
  });
});

describe("the api function's timeout", () => {
  it('lets POST /feeds/poll and POST /digests run as long as the HTTP API waits (under 30 s), not 10 s', () => {
    expect(functionDescribed(app, 'queries, subscriptions and the watchlist').Timeout).toBe(29);
  });
});

describe('TLS only on both topics', () => {
  const denyAllOverHttp = (topicPrefix: string) =>
    Match.objectLike({
      PolicyDocument: Match.objectLike({
        Statement: Match.arrayWith([
          {
            Sid: 'DenyInsecureTransport',
            Effect: 'Deny',
            Principal: { AWS: '*' },
            Action: [...TOPIC_POLICY_ACTIONS],
            Resource: { Ref: Match.stringLikeRegexp(`^${topicPrefix}`) },
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
        ]),
      }),
    });

  it('refuses every action a topic policy can name over plain HTTP on the alerts topic', () => {
    data.hasResourceProperties('AWS::SNS::TopicPolicy', denyAllOverHttp('AlertsTopic'));
  });

  it('refuses every action a topic policy can name over plain HTTP on the ops (alarm) topic', () => {
    app.hasResourceProperties('AWS::SNS::TopicPolicy', denyAllOverHttp('OperationsOpsTopic'));
  });

  it('covers reading and changing the topic and its subscriptions, not only publishing', () => {
    expect(TOPIC_POLICY_ACTIONS).toEqual(
      expect.arrayContaining([
        'sns:Publish',
        'sns:Subscribe',
        'sns:SetTopicAttributes',
        'sns:GetTopicAttributes',
        'sns:ListSubscriptionsByTopic',
      ]),
    );
  });

  it('has no topic in either stack without that policy', () => {
    for (const template of [app, data]) {
      const topics = Object.keys(template.findResources('AWS::SNS::Topic'));
      const guarded = Object.values(template.findResources('AWS::SNS::TopicPolicy')).flatMap((p) =>
        p.Properties.Topics.map((t: { Ref: string }) => t.Ref),
      );
      expect(guarded.sort()).toEqual(topics.sort());
    }
  });
});

describe('a bound on ingest', () => {
  it('reserves 25 instances each for the ingest and api functions by default, leaving the rest of the account free', () => {
    expect(functionDescribed(app, 'validates, tags and stores').ReservedConcurrentExecutions).toBe(25);
    expect(functionDescribed(app, 'queries, subscriptions').ReservedConcurrentExecutions).toBe(25);
  });

  it('takes both reservations from context, and reserves nothing with 0', () => {
    const custom = Template.fromStack(synthNewswatch({ ingestConcurrency: '40', apiConcurrency: '0' }).stateless);
    expect(functionDescribed(custom, 'validates, tags and stores').ReservedConcurrentExecutions).toBe(40);
    expect(functionDescribed(custom, 'queries, subscriptions').ReservedConcurrentExecutions).toBeUndefined();
  });

  it('throttles POST /articles below the stage limit, so API Gateway answers 429 before the function is throttled', () => {
    app.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      RouteSettings: { [INGEST_ROUTE]: { ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 } },
    });
  });

  it('creates the stage after the ingest route its route settings name', () => {
    const [stage] = Object.values(app.findResources('AWS::ApiGatewayV2::Stage')) as { DependsOn?: string[] }[];
    const [ingestRoute] = Object.keys(app.findResources('AWS::ApiGatewayV2::Route', { Properties: { RouteKey: INGEST_ROUTE } }));
    expect(stage!.DependsOn).toContain(ingestRoute);
  });

  it('refuses an ingest limit above the stage limit', () => {
    expect(() => readConfig((key) => ({ ingestRate: '80' })[key])).toThrow(/-c ingestRate: .*must not exceed throttleRate/);
  });
});
