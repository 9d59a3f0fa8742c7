import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { createTracer } from './tracer-instance';
import { LazyTracer } from './tracing';

const serviceName = process.env.POWERTOOLS_SERVICE_NAME || 'newswatch';

/** One logger, metrics and tracer per Lambda. Logs carry codes and ids, never bodies, keys or endpoints. */
export const logger = new Logger({ serviceName });
// Metrics' own warnings (e.g. an invocation that emitted no metric) go through the logger, so its level governs them.
export const metrics = new Metrics({ namespace: process.env.POWERTOOLS_METRICS_NAMESPACE || 'newswatch', serviceName, logger });
// Loaded on the first sampled invocation (see LazyTracer): createTracer imports the package
// dynamically, so a bundle evaluates the tracer and the X-Ray SDK only then.
export const tracer = new LazyTracer((coldStart) => createTracer(serviceName, coldStart));
