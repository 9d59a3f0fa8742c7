import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { sqsDeadLetterSink } from '../adapters/alert-dead-letter';
import { ENV, requireEnv } from '../adapters/env-names';
import { createSnsClient } from '../adapters/sns';
import { createDocumentClient, tableFromEnv } from '../adapters/table';
import type { DispatchDeps } from '../app/dispatch-alert';
import { type SweepReport, sweepAlerts } from '../app/sweep-alerts';
import { logger, metrics, tracer } from './observability';

const deps: DispatchDeps = {
  table: tableFromEnv(createDocumentClient((client) => tracer.captureAWSv3Client(client))),
  sns: createSnsClient((client) => tracer.captureAWSv3Client(client)),
  topicArn: requireEnv(ENV.topicArn),
  metrics,
  deadLetter: sqsDeadLetterSink(requireEnv(ENV.alertDlqUrl)),
};

/** What the schedule (EventBridge, or the local runtime's timer) may ask for; anything else is ignored. */
interface SweepEvent {
  detail?: { minAgeMs?: number; leaseMs?: number };
}

const numberOr = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;

/**
 * The completeness sweeper, on a schedule: re-drives every alert still owed after a few minutes.
 * `AlertsOverdue` counts the owed alerts that had not gone out (an alarm fires on any), `AlertsRedriven`
 * what it published.
 */
export const handler = middy<SweepEvent, SweepReport>()
  .use(injectLambdaContext(logger, { logEvent: false, resetKeys: true }))
  .use(tracer.captureLambdaHandler({ captureResponse: false }))
  .use(logMetrics(metrics, { captureColdStartMetric: true }))
  .handler(async (event) => {
    const minAgeMs = numberOr(event?.detail?.minAgeMs);
    const leaseMs = numberOr(event?.detail?.leaseMs);
    const report = await sweepAlerts(deps, {
      ...(minAgeMs !== undefined && { minAgeMs }),
      ...(leaseMs !== undefined && { leaseMs }),
      onMalformed: (key, problem) =>
        logger.error('An owed alert item is malformed; it was moved to the ALERTPARKED partition and is not reported again', {
          key,
          problem,
        }),
    });
    metrics.addMetric('AlertsOverdue', MetricUnit.Count, report.overdue);
    metrics.addMetric('AlertsRedriven', MetricUnit.Count, report.published + report['story-published']);
    if (report.overdue > 0) logger.warn('Owed alerts re-driven', { ...report });
    else if (report.found > 0) logger.info('Owed items settled, nothing was overdue', { ...report });
    return report;
  });
