import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayRequestAuthorizerEventV2, APIGatewaySimpleAuthorizerWithContextResult } from 'aws-lambda';
import { createDocumentClient, tableFromEnv } from '../adapters/table';
import { authorize } from '../app/authorize';
import type { AuthContext } from '../app/authorize';
import { logger, metrics, tracer } from './observability';

const table = tableFromEnv(createDocumentClient((client) => tracer.captureAWSv3Client(client)));

type Result = APIGatewaySimpleAuthorizerWithContextResult<AuthContext | Record<string, never>>;

/**
 * HTTP API REQUEST authorizer (payload v2, simple responses). Identity sources are the x-api-key
 * header and the route key, so API Gateway caches each decision per key AND route.
 * Only the key id and the reason are logged, never the key.
 */
export const handler = middy<APIGatewayRequestAuthorizerEventV2, Result>()
  .use(injectLambdaContext(logger, { logEvent: false, resetKeys: true }))
  .use(tracer.captureLambdaHandler({ captureResponse: false }))
  .handler(async (event, context) => {
    // Only the cold-start metric: the authorizer writes no other, so no per-invocation metrics flush.
    metrics.captureColdStartMetric(context.functionName);
    const key = event.headers?.['x-api-key'] ?? headerIgnoringCase(event.headers, 'x-api-key');
    const decision = await authorize(table, key, event.routeKey);
    if (decision.allowed) return { isAuthorized: true, context: decision.context };
    logger.info('API key refused', { reason: decision.reason, routeKey: event.routeKey });
    return { isAuthorized: false, context: {} };
  });

function headerIgnoringCase(headers: Record<string, string | undefined> | undefined, name: string): string | undefined {
  const found = Object.entries(headers ?? {}).find(([k]) => k.toLowerCase() === name);
  return found?.[1];
}
