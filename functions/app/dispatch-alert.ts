import { randomUUID } from 'node:crypto';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { DynamoDBRecord } from 'aws-lambda';
import type { DeadLetterSink } from '../adapters/alert-dead-letter';
import { claimAlert, markPublished, releaseAlert } from '../adapters/alert-markers';
import { isPermanentPublishError, publishAlert } from '../adapters/alert-publisher';
import { articleIdOfRecord, articleOf } from '../adapters/article-stream';
import type { SnsClient } from '../adapters/sns';
import type { Table } from '../adapters/table';
import { AlertTooLarge, composeFittingAlert } from '../core/alert-fit';
import type { StoredArticle } from '../core/stored-article';

export interface DispatchDeps {
  table: Table;
  sns: SnsClient;
  topicArn: string;
  metrics: Metrics;
  /** Where a record goes at once when no retry can succeed (the stream's dead-letter queue). */
  deadLetter: DeadLetterSink;
}

export { articleOf };

export type DispatchOutcome = 'published' | 'already-published' | 'not-an-alert' | 'dead-lettered';

/** Failures no retry can change: parked at once instead of holding up the shard for the whole retry budget. */
function isPermanent(error: unknown): boolean {
  return error instanceof AlertTooLarge || isPermanentPublishError(error);
}

/**
 * Publishes the alert for one stream record, at most once per article: claim the marker, publish,
 * mark it published. A failed publish gives the claim back and throws, so the batch reports the
 * record as failed and Lambda retries it; a record whose alert is already published is skipped.
 * A record that can never succeed (a malformed image, an alert SNS refuses) is dead-lettered at
 * once and reported as handled, so the records behind it are not delayed.
 */
export async function dispatchAlert(deps: DispatchDeps, record: DynamoDBRecord): Promise<DispatchOutcome> {
  let article: StoredArticle | undefined;
  try {
    article = articleOf(record);
  } catch (error) {
    return park(deps, record, articleIdOfRecord(record), `malformed article image (${(error as Error).message})`);
  }
  if (!article) return 'not-an-alert';
  return publishOnce(deps, article, record);
}

/** Claim, publish, mark published: the one path every alert takes (stream, sweeper, redrive). */
export async function publishOnce(deps: DispatchDeps, article: StoredArticle, record?: DynamoDBRecord): Promise<DispatchOutcome> {
  const claim = await claimAlert(deps.table, article.id, randomUUID());
  if (claim.outcome === 'published') return 'already-published';
  if (claim.outcome === 'busy') throw new Error(`Alert for article ${article.id} is being published by another invocation`);
  let messageId: string | undefined;
  try {
    messageId = await publishAlert(deps.sns, deps.topicArn, composeFittingAlert(article));
  } catch (error) {
    await releaseAlert(deps.table, article.id, claim.token);
    if (!isPermanent(error)) throw error;
    return park(deps, record, article.id, `${(error as Error).name}: ${(error as Error).message}`);
  }
  await markPublished(deps.table, article.id, claim.token, messageId);
  deps.metrics.addMetric('AlertsPublished', MetricUnit.Count, 1);
  // From the article's arrival to its alert's publication: the dashboard's "ingest to alert" latency.
  deps.metrics.addMetric('IngestToAlertLatency', MetricUnit.Milliseconds, Math.max(0, Date.now() - Date.parse(article.ingestedAt)));
  return 'published';
}

async function park(
  deps: DispatchDeps,
  record: DynamoDBRecord | undefined,
  articleId: string | undefined,
  reason: string,
): Promise<DispatchOutcome> {
  await deps.deadLetter({
    articleId,
    reason,
    ...(record?.eventID && { eventId: record.eventID }),
    ...(record?.dynamodb?.SequenceNumber && { sequenceNumber: record.dynamodb.SequenceNumber }),
  });
  deps.metrics.addMetric('AlertsDeadLettered', MetricUnit.Count, 1);
  return 'dead-lettered';
}
