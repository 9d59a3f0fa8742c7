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

/**
 * The log entry of an article's story alert (`alertId`: its story alert id), filed under the time its
 * marker holds. The alert functions that never send story alerts (digests) keep story code out of their bundles.
 */
export function storyAlertSent(
  article: StoredArticle & { storyId: string },
  alertId: string,
  messageId: string | undefined,
  publishedAt: Date,
): SentAlert {
  return sentAlert(
    {
      alertId,
      kind: 'story',
      storyId: article.storyId,
      articleIds: [article.id],
      // What the message names (the article's people and topics, as its alert does), not only what was gained:
      // GET /alerts lists what was sent, and `person=` keeps every alert naming that person.
      people: article.people,
      topics: article.topics,
      ingestedAt: article.ingestedAt,
      messageId: messageId ?? 'unknown',
    },
    publishedAt,
  );
}
