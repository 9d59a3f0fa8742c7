import { randomUUID } from 'node:crypto';
import type { SNSClient } from '@aws-sdk/client-sns';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { claimAlert, markPublished, releaseAlert } from '../../adapters/alert-markers';
import { decodeArticleItem } from '../../adapters/article-item';
import { publishAlert } from '../../adapters/alert-publisher';
import type { Table } from '../../adapters/table';
import { composeAlert } from '../../core/alert-text';
import type { StoredArticle } from '../../core/stored-article';
import { asStoredArticle } from '../../core/stored-article-guard';

export interface DispatchDeps {
  table: Table;
  sns: SNSClient;
  topicArn: string;
  metrics: Metrics;
}

export type DispatchOutcome = 'published' | 'already-published' | 'not-an-alert';

/** The stored article in a stream record's new image; undefined for items that are not matched articles. */
export function articleOf(record: DynamoDBRecord): StoredArticle | undefined {
  const image = record.dynamodb?.NewImage;
  if (!image) return undefined;
  const item = unmarshall(image as Record<string, AttributeValue>);
  if (item.kind !== 'article' || item.matched !== true) return undefined;
  // The body may be stored compressed (base64 in the event); an undecodable one throws, so it ends in the DLQ too.
  const article = asStoredArticle(decodeArticleItem(item));
  // A malformed image would fail on every retry: throw, so it ends in the dead-letter queue, visibly.
  if (!article) throw new Error(`Stream record ${record.eventID ?? ''} holds an article item that is not well-formed`);
  return article;
}

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
  return 'published';
}
