import { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, Metrics } from '@aws-lambda-powertools/metrics';
import { onSkippedRecord, type SkippedRecordListener } from '../adapters/skipped-records';
import { firstSightings } from '../core/first-sightings';
import { LazyTracer } from './tracing';

const serviceName = process.env.POWERTOOLS_SERVICE_NAME || 'newswatch';

/** One logger, metrics and tracer per Lambda. Logs carry codes and ids, never bodies, keys or endpoints. */
export const logger = new Logger({ serviceName });
// Metrics' own warnings (e.g. an invocation that emitted no metric) go through the logger, so its level governs them.
export const metrics = new Metrics({ namespace: process.env.POWERTOOLS_METRICS_NAMESPACE || 'newswatch', serviceName, logger });

/**
 * Damaged records whose log line this process remembers having written. A damaged story is read again
 * as a clustering candidate by every article near it, a damaged watchlist entry at every reload: one line
 * per record is what an operator needs, the metric says how often.
 */
export const LOGGED_RECORDS_MAX = 1000;
const firstReport = firstSightings(LOGGED_RECORDS_MAX);

/**
 * A stored record a list or the watchlist left out because it does not parse: counted every time
 * (`StoredRecordsSkipped`), logged once per record and process (again only once it was forgotten among
 * the last LOGGED_RECORDS_MAX).
 */
export const reportSkippedRecord: SkippedRecordListener = (record, problems) => {
  metrics.addMetric('StoredRecordsSkipped', MetricUnit.Count, 1);
  if (firstReport(record)) logger.warn('A stored record does not parse; it was left out', { record, problems });
};
onSkippedRecord(reportSkippedRecord);
/** The file lib/bundling.ts `lazyChunks` writes tracer-instance.ts to, beside every function's index.js. */
const TRACER_CHUNK = './tracer.js';

/**
 * The Powertools Tracer and the X-Ray SDK it brings (≈ 180 KB), loaded on the first sampled invocation
 * (see LazyTracer). Deployed they sit in a file of their own beside index.js: left in index.js, unused,
 * V8 still pre-parsed them at every cold start, ≈ 0.05 × of an SDK-clients-only handler's
 * (docs/benchmarks.md, "Lambda cold start"). Bundled for Lambda, `process.env.NEWSWATCH_BUNDLE` is the
 * constant 'lambda' (lib/bundling.ts `bundleDefine`; it must stay written out here for esbuild to see
 * it), so the import is dead code there; from source (tests, the local runtime) the import serves.
 */
async function loadTracer(coldStart: boolean) {
  const chunk: typeof import('./tracer-instance') =
    process.env.NEWSWATCH_BUNDLE === 'lambda' ? require(TRACER_CHUNK) : await import('./tracer-instance');
  return chunk.createTracer(serviceName, coldStart);
}

export const tracer = new LazyTracer(loadTracer);
