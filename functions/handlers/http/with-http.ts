import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { Context } from 'aws-lambda';
import { config } from '../settings';
import { jsonBodyParser } from './body-parser';
import { errorMapper } from './error-mapper';
import type { HttpEvent, HttpResult } from './types';
import { logger, metrics, tracer } from '../observability';

export type { HttpEvent, HttpResult } from './types';
export { created, json, noContent, ok } from './responses';

/**
 * The one middy chain every HTTP Lambda shares: observability, lower-case headers, JSON body
 * (size-limited), and the error mapper last so it sees every error once. Validation is zod `parse`
 * inside the handler; a ZodError lands in the mapper as a 400.
 */
export function withHttp(fn: (event: HttpEvent, context: Context) => Promise<HttpResult>) {
  return middy<HttpEvent, HttpResult>()
    .use(injectLambdaContext(logger, { logEvent: false, resetKeys: true }))
    .use(tracer.captureLambdaHandler({ captureResponse: false }))
    .use(logMetrics(metrics, { captureColdStartMetric: true }))
    .use(httpHeaderNormalizer())
    .use(jsonBodyParser(config.maxBodyBytes))
    .use(errorMapper())
    .handler(fn);
}
