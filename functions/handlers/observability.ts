import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { Tracer } from '@aws-lambda-powertools/tracer';
import { LazyTracer } from './tracing';

const serviceName = process.env.POWERTOOLS_SERVICE_NAME || 'newswatch';

/** One logger, metrics and tracer per Lambda. Logs carry codes and ids, never bodies, keys or endpoints. */
export const logger = new Logger({ serviceName });
// Metrics' own warnings (e.g. an invocation that emitted no metric) go through the logger, so its level governs them.
export const metrics = new Metrics({ namespace: process.env.POWERTOOLS_METRICS_NAMESPACE || 'newswatch', serviceName, logger });
// Loaded on the first sampled invocation (see LazyTracer and loadTracer).
export const tracer = new LazyTracer(loadTracer);

/** The file lib/bundling.ts `lazyChunks` writes tracer-instance.ts to, beside every function's index.js. */
const TRACER_CHUNK = './tracer.js';

/**
 * The Powertools Tracer with the X-Ray SDK (≈ 170 KB of code), needed from the first invocation X-Ray
 * samples on. Bundled for Lambda, `process.env.NEWSWATCH_BUNDLE` is the constant 'lambda' (lib/bundling.ts
 * `bundleDefine`; it must stay written out here for esbuild to see it): the import is dead code and they
 * live in a file of their own beside index.js, so a cold start neither reads nor compiles them before
 * tracing is needed; from source (tests, the local runtime) the import serves.
 */
async function loadTracer(coldStart: boolean): Promise<Tracer> {
  const instance: typeof import('./tracer-instance') =
    process.env.NEWSWATCH_BUNDLE === 'lambda' ? require(TRACER_CHUNK) : await import('./tracer-instance');
  return instance.createTracer(serviceName, coldStart);
}
