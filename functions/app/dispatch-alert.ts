import { randomUUID } from 'node:crypto';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { DeadLetterSink } from '../adapters/alert-dead-letter';
import { type DueKey, dueKeyOf, postponeDue, settleDue } from '../adapters/alert-due';
import { type Claim, claimAlert, markPublished, releaseAlert } from '../adapters/alert-markers';
import { isPermanentPublishError, publishAlert } from '../adapters/alert-publisher';
import { articleIdOfRecord, articleOf, type StreamRecord } from '../adapters/article-stream';
import type { SnsClient } from '../adapters/sns';
import type { Table } from '../adapters/table';
import { AlertTooLarge, composeFittingAlert } from '../core/alert-fit';
import type { StoredArticle } from '../core/stored-article';
import { DamagedRecord } from '../core/stored-record';
import { articleAlertSent, logSent } from './alert-log';
import { publishStoryAlert } from './stories/story-alerts';

export interface DispatchDeps {
  table: Table;
  sns: SnsClient;
  topicArn: string;
  metrics: Metrics;
  /** Where a record goes at once when no retry can succeed (the stream's dead-letter queue). */
  deadLetter: DeadLetterSink;
}

export { articleOf };

/** `story-published`: the article alert had already gone out; its story alert, still owed, went out now. */
export type DispatchOutcome = 'published' | 'already-published' | 'story-published' | 'not-an-alert' | 'dead-lettered' | 'deferred';

/** A dead-lettered alert is left to `alerts redrive` for this long before the sweeper tries it again by itself. */
const DEAD_LETTER_QUIET_MS = 6 * 3_600_000;

export interface PublishOptions {
  /** The stream record being handled (named in a dead letter). */
  record?: StreamRecord;
  /** The owed-alert item to settle, when it is not the one ingest wrote for the article (a re-send's). */
  due?: DueKey;
  /** Claim lease (default: the adapter's). */
  leaseMs?: number;
}

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
export async function dispatchAlert(deps: DispatchDeps, record: StreamRecord): Promise<DispatchOutcome> {
  let article: StoredArticle | undefined;
  try {
    article = articleOf(record);
  } catch (error) {
    return park(deps, record, articleIdOfRecord(record), `malformed article image (${(error as Error).message})`);
  }
  if (!article) return 'not-an-alert';
  return publishOnce(deps, article, { record });
}

/**
 * Claim, publish, mark published, send the story alert, settle the owed-alert item: the one path every
 * alert takes (stream, sweeper, redrive). The story alert (story subscribers hear when the story gains
 * a followed person or topic: app/stories/story-alerts.ts) goes out before the owed item is settled,
 * so an alert re-driven after its article alert left still sends it, and a failed one stays owed
 * (it is claimed once per story and id, published once per article, whichever path gets there). A claim held by someone else is left alone ('deferred'): if its
 * holder died, the owed-alert item is still there and the sweeper takes the claim over once its
 * lease ran out — so the shard never waits for a dead claim, and the alert is never lost.
 */
export async function publishOnce(deps: DispatchDeps, article: StoredArticle, options: PublishOptions = {}): Promise<DispatchOutcome> {
  const due = options.due ?? dueKeyOf(article);
  let claim: Claim;
  try {
    claim = await claimAlert(deps.table, article.id, randomUUID(), Date.now(), options.leaseMs);
  } catch (error) {
    // A damaged marker refuses every claim, and every retry reads it again: parked at once, like a refused alert.
    if (!(error instanceof DamagedRecord)) throw error;
    await postponeDue(deps.table, due, Date.now() + DEAD_LETTER_QUIET_MS);
    return park(deps, options.record, article.id, `${error.name}: ${error.message}`, due);
  }
  if (claim.outcome === 'published') {
    // Its log entry may be missing (a crash between the marker and the log): filed again where it was, from the marker
    // (a marker from before `loggedAt` names no exact place, and its entry is left as it is).
    if (claim.loggedAt) await logSent(deps.table, deps.metrics, articleAlertSent(article, claim.messageId, claim.loggedAt));
    const story = await publishStoryAlert(deps, article);
    await settleDue(deps.table, due);
    return story === 'published' ? 'story-published' : 'already-published';
  }
  if (claim.outcome === 'busy') {
    deps.metrics.addMetric('AlertsDeferred', MetricUnit.Count, 1);
    return 'deferred';
  }
  let messageId: string | undefined;
  try {
    messageId = await publishAlert(deps.sns, deps.topicArn, composeFittingAlert(article));
  } catch (error) {
    await releaseAlert(deps.table, article.id, claim.token);
    if (!isPermanent(error)) throw error;
    await postponeDue(deps.table, due, Date.now() + DEAD_LETTER_QUIET_MS);
    return park(deps, options.record, article.id, `${(error as Error).name}: ${(error as Error).message}`, due);
  }
  // One time for the marker and the log entry: a claim after a crash between the two files the entry again, once.
  const publishedAt = new Date();
  await markPublished(deps.table, article.id, claim.token, messageId, publishedAt);
  await logSent(deps.table, deps.metrics, articleAlertSent(article, messageId, publishedAt));
  await publishStoryAlert(deps, article);
  await settleDue(deps.table, due);
  deps.metrics.addMetric('AlertsPublished', MetricUnit.Count, 1);
  // From the article's arrival to its alert's publication: the dashboard's "ingest to alert" latency.
  deps.metrics.addMetric('IngestToAlertLatency', MetricUnit.Milliseconds, Math.max(0, Date.now() - Date.parse(article.ingestedAt)));
  return 'published';
}

async function park(
  deps: DispatchDeps,
  record: StreamRecord | undefined,
  articleId: string | undefined,
  reason: string,
  due?: DueKey,
): Promise<DispatchOutcome> {
  await deps.deadLetter({
    articleId,
    reason,
    ...(due && { due }),
    ...(record?.eventID && { eventId: record.eventID }),
    ...(record?.dynamodb?.SequenceNumber && { sequenceNumber: record.dynamodb.SequenceNumber }),
  });
  deps.metrics.addMetric('AlertsDeadLettered', MetricUnit.Count, 1);
  return 'dead-lettered';
}
