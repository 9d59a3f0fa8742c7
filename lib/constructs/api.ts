import { Duration, Fn, RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  type CfnStage,
  type CorsPreflightOptions,
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpRoute,
  HttpRouteKey,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaAuthorizer, HttpLambdaResponseType } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, Grant, type IRole, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { acknowledge } from '../nag';
import { Construct } from 'constructs';
import { API_KEYS_PARTITION } from '../../functions/adapters/table-design';
import { routes, type RouteTarget } from '../../functions/core/routes';
import type { FunctionDefaults } from './function-defaults';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { ProjectFunction } from './project-function';

/** API Gateway throttling: steady requests per second and burst. */
export interface Throttle {
  readonly rateLimit: number;
  readonly burstLimit: number;
}

/** The route whose requests cost the most (up to 100 articles tagged and written each). */
export const INGEST_ROUTE = 'POST /articles';

export interface ApiProps extends FunctionDefaults {
  readonly table: ITable;
  readonly topic: ITopic;
  /** Name of the stateful stack's export holding the topic's ARN (the topic's subscriptions are `<arn>:*`). */
  readonly topicArnExport: string;
  /** The ingest function (from Ingestion) that serves POST /articles. */
  readonly ingestFunction: IFunction;
  readonly throttle: Throttle;
  /** A tighter limit for POST /articles, inside the stage's. */
  readonly ingestThrottle: Throttle;
  /**
   * Reserved concurrency of the api function (0: no reservation).
   * @default 0
   */
  readonly apiConcurrency?: number;
  /**
   * How long API Gateway caches an authorizer decision per (key, route).
   * @default Duration.seconds(30)
   */
  readonly authorizerCacheTtl?: Duration;
  /**
   * Browser origins allowed to call the API (CORS), e.g. the console's CloudFront origin.
   * @default none: no CORS headers, browsers on other origins are refused
   */
  readonly corsOrigins?: string[];
}

/** What a browser page on `origins` needs: the key header, JSON bodies, the routes' methods; preflights cached an hour. */
function corsFor(origins: string[]): CorsPreflightOptions {
  return {
    allowOrigins: origins,
    allowHeaders: ['content-type', 'x-api-key'],
    allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.PUT, CorsHttpMethod.DELETE],
    maxAge: Duration.hours(1),
  };
}

/** The calls that act on one existing subscription; IAM checks them against the subscription's ARN. */
export const SUBSCRIPTION_ACTIONS = ['sns:Unsubscribe', 'sns:GetSubscriptionAttributes', 'sns:SetSubscriptionAttributes'] as const;

/** The construct id of a route (its key without spaces, slashes and braces: "RoutePOSTarticles"). */
/** The API function's timeout: HTTP APIs wait at most 30 s for an integration. */
const API_TIMEOUT = Duration.seconds(29);
const routeId = (key: string) => `Route${key.replace(/[^A-Za-z0-9]/g, '')}`;

/** Splits a route key such as "GET /articles/{id}" into method and path. */
export function parseRouteKey(key: string): { method: HttpMethod; path: string } {
  const [method, path] = key.split(' ');
  if (!method || !path || !(method in HttpMethod)) throw new Error(`Malformed route key: ${key}`);
  return { method: HttpMethod[method as keyof typeof HttpMethod], path };
}

/**
 * The HTTP API: every route from functions/core/routes.ts (the list the authorizer and the local
 * runtime read too), all behind the API-key authorizer, with stage throttling and JSON access logs.
 */
export class Api extends Construct {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  readonly apiFunction: NodejsFunction;
  readonly authorizerFunction: NodejsFunction;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    const authorizer = new ProjectFunction(this, 'AuthorizerFunction', {
      handler: 'authorizer',
      description: 'newswatch: checks x-api-key against stored key hashes and scopes',
      environment: props.environment,
      logRetention: props.logRetention,
    });
    this.authorizerFunction = authorizer.function;
    // It runs on every request, unauthenticated ones too: it may only GetItem a key record (the APIKEYS
    // partition), never read subscribers' endpoints or anything else in the table.
    Grant.addToPrincipal({
      grantee: this.authorizerFunction,
      actions: ['dynamodb:GetItem'],
      resourceArns: [props.table.tableArn],
      conditions: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [API_KEYS_PARTITION] } },
    });
    props.table.encryptionKey?.grantDecrypt(this.authorizerFunction);

    const api = new ProjectFunction(this, 'ApiFunction', {
      handler: 'api',
      description: 'newswatch: queries, subscriptions and the watchlist',
      environment: props.environment,
      logRetention: props.logRetention,
      reservedConcurrency: props.apiConcurrency,
      // POST /feeds/poll and POST /digests do the scheduled functions' work on demand (a feed may take 25 s):
      // as long as the HTTP API waits (30 s), not the 10 s that suits a query.
      timeout: API_TIMEOUT,
    });
    this.apiFunction = api.function;
    props.table.grantReadWriteData(this.apiFunction);
    api.acknowledgeKeyGrants();
    this.grantSubscriptionManagement(props.topic, props.topicArnExport, api.executionRole);

    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: 'newswatch HTTP API',
      createDefaultStage: false,
      ...(props.corsOrigins?.length && { corsPreflight: corsFor(props.corsOrigins) }),
    });
    this.stage = this.createStage(props.throttle, props.logRetention);
    this.addRoutes(props);
    this.throttleIngest(props.ingestThrottle);
  }

  get url(): string {
    return this.stage.url;
  }

  /**
   * POST /articles gets its own, lower limit: API Gateway answers 429 past it, before the ingest function's
   * reserved concurrency is reached (a throttled Lambda would surface as a 500 from an HTTP API).
   */
  private throttleIngest(throttle: Throttle): void {
    const stage = this.stage.node.defaultChild as CfnStage;
    stage.routeSettings = {
      [INGEST_ROUTE]: { ThrottlingRateLimit: throttle.rateLimit, ThrottlingBurstLimit: throttle.burstLimit },
    };
    // routeSettings is raw CloudFormation (JSON), hence the PascalCase keys. CloudFormation refuses route settings for a route that does not exist yet.
    this.stage.node.addDependency(this.node.findChild(routeId(INGEST_ROUTE)));
  }

  private createStage(throttle: Throttle, retention: RetentionDays): HttpStage {
    // Kept as long as the functions' logs (they hold client addresses): the stage's setting, not CloudWatch's two years.
    const accessLogs = new LogGroup(this, 'AccessLogs', { removalPolicy: RemovalPolicy.DESTROY, retention });
    return new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        // No headers, no bodies: the API key and article text never reach the logs.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            requestTime: '$context.requestTime',
            routeKey: '$context.routeKey',
            status: '$context.status',
            responseLength: '$context.responseLength',
            latencyMs: '$context.responseLatency',
            integrationLatencyMs: '$context.integrationLatency',
            authorizerError: '$context.authorizer.error',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });
  }

  private addRoutes(props: ApiProps): void {
    const authorizer = new HttpLambdaAuthorizer('ApiKeyAuthorizer', this.authorizerFunction, {
      responseTypes: [HttpLambdaResponseType.SIMPLE],
      // The route is part of the cache key: a cached "allow" for GET must not open PUT to a read-only key.
      identitySource: ['$request.header.x-api-key', '$context.routeKey'],
      resultsCacheTtl: props.authorizerCacheTtl ?? Duration.seconds(30),
    });
    const integrations: Record<RouteTarget, HttpLambdaIntegration> = {
      ingest: new HttpLambdaIntegration('IngestIntegration', props.ingestFunction),
      api: new HttpLambdaIntegration('ApiIntegration', this.apiFunction),
    };
    for (const route of routes) {
      const { method, path } = parseRouteKey(route.key);
      new HttpRoute(this, routeId(route.key), {
        httpApi: this.httpApi,
        routeKey: HttpRouteKey.with(path, method),
        integration: integrations[route.target],
        authorizer,
      });
    }
  }

  /**
   * Subscriptions are created through the API: Subscribe is scoped to the alerts topic, and the calls that
   * act on an existing subscription to that topic's subscriptions, whose ARNs are `<topicArn>:<id>`.
   */
  private grantSubscriptionManagement(topic: ITopic, topicArnExport: string, role: IRole): void {
    topic.grantSubscribe(this.apiFunction);
    // `newswatch digest send` (POST /digests) publishes digests.
    topic.grantPublish(this.apiFunction);
    const topicSubscriptions = `${Fn.importValue(topicArnExport)}:*`;
    this.apiFunction.addToRolePolicy(new PolicyStatement({ actions: [...SUBSCRIPTION_ACTIONS], resources: [topicSubscriptions] }));
    // A topic policy cannot name these actions, so their TLS-only rule lives with the one principal allowed them.
    this.apiFunction.addToRolePolicy(
      new PolicyStatement({
        effect: Effect.DENY,
        actions: [...SUBSCRIPTION_ACTIONS],
        resources: [topicSubscriptions],
        conditions: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    );
    acknowledge(
      role,
      `AwsSolutions-IAM5[Resource::${topicArnExport}:*]`,
      'The wildcard is the subscription id of the alerts topic (subscription ARNs are <topicArn>:<id>, created at run time by POST /subscriptions); no other topic or subscription is reachable.',
    );
  }
}
