import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import { recordSent } from '../adapters/sent-alert-repository';
import type { Table } from '../adapters/table';
import { type SentAlert, sentAlert } from '../core/alerts/sent-alert';
import { alertIdOf } from '../core/alert-text';
import type { StoredArticle } from '../core/stored-article';

/**
 * Adds a published alert to the log. The alert is already out: a failed log write must not fail (and
 * so retry) the record, which would find the alert published and skip it anyway. It is counted instead.
 */
export async function logSent(table: Table, metrics: Metrics, sent: SentAlert): Promise<void> {
  try {
    await recordSent(table, sent);
  } catch {
    metrics.addMetric('AlertLogWriteFailed', MetricUnit.Count, 1);
  }
}

/** The log entry of an article's alert: from the article's ingest to now. */
export function articleAlertSent(article: StoredArticle, messageId: string | undefined, now: Date = new Date()): SentAlert {
  return sentAlert(
    {
      alertId: alertIdOf(article.id),
      kind: 'article',
      ...(article.storyId !== undefined && { storyId: article.storyId }),
      articleIds: [article.id],
      people: article.people,
      topics: article.topics,
      ingestedAt: article.ingestedAt,
      messageId: messageId ?? 'unknown',
      ...(article.test && { test: true as const }),
    },
    now,
  );
}
