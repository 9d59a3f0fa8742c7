import { randomUUID } from 'node:crypto';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { DynamoDBRecord } from 'aws-lambda';
import { claimAlert, markPublished, releaseAlert } from '../adapters/alert-markers';
import { articleOf } from '../adapters/article-stream';
import { publishAlert } from '../adapters/alert-publisher';
import type { SnsClient } from '../adapters/sns';
import type { Table } from '../adapters/table';
import { composeAlert } from '../core/alert-text';

export interface DispatchDeps {
  table: Table;
  sns: SnsClient;
  topicArn: string;
  metrics: Metrics;
}

export { articleOf };

export type DispatchOutcome = 'published' | 'already-published' | 'not-an-alert';

/**
 * Publishes the alert for one stream record, at most once per article: claim the marker, publish,
 * mark it published. A failed publish gives the claim back and throws, so the batch reports the
 * record as failed and Lambda retries it; a record whose alert is already published is skipped.
 */
export async function dispatchAlert(deps: DispatchDeps, record: DynamoDBRecord): Promise<DispatchOutcome> {
  const article = articleOf(record);
  if (!article) return 'not-an-alert';
  const claim = await claimAlert(deps.table, article.id, randomUUID());
  if (claim.outcome === 'published') return 'already-published';
  if (claim.outcome === 'busy') throw new Error(`Alert for article ${article.id} is being published by another invocation`);
  let messageId: string | undefined;
  try {
    messageId = await publishAlert(deps.sns, deps.topicArn, composeAlert(article));
  } catch (error) {
    await releaseAlert(deps.table, article.id, claim.token);
    throw error;
  }
  await markPublished(deps.table, article.id, claim.token, messageId);
  deps.metrics.addMetric('AlertsPublished', MetricUnit.Count, 1);
  // From the article's arrival to its alert's publication: the dashboard's "ingest to alert" latency.
  deps.metrics.addMetric('IngestToAlertLatency', MetricUnit.Milliseconds, Math.max(0, Date.now() - Date.parse(article.ingestedAt)));
  return 'published';
}
