import { fitArticleIds, SentAlert } from '../core/alerts/sent-alert';
import { shardOf } from '../core/hash';
import { batchPut } from './batch';
import { parseOrSkip } from './skipped-records';
import { MAX_ITEM_JSON_BYTES, TAG_SHARDS } from './table-design';
import { keys } from './table-keys';
import { itemKey, queryPages, type Table } from './table';

/** How long the record of what was sent is kept. */
export const ALERT_LOG_DAYS = 30;

const dayOf = (iso: string) => iso.slice(0, 10);
export const DAY_MS = 86_400_000;

/**
 * Records a published alert or digest under its day, on one of TAG_SHARDS partitions (no hot day
 * partition). A digest of a busy period (over ten thousand articles) would pass DynamoDB's 400 KB item
 * limit with every article id, and the write would fail: its ids are cut to fit (fitArticleIds).
 */
export async function recordSent(table: Table, whole: SentAlert): Promise<void> {
  const sent = fitArticleIds(whole, MAX_ITEM_JSON_BYTES);
  const shard = shardOf(sent.alertId, TAG_SHARDS);
  await batchPut(table, [
    {
      ...keys.sentAlert(dayOf(sent.publishedAt), shard, sent.publishedAt, sent.alertId),
      ...sent,
      // The item's `kind` names the item type (the stream filter and scans rely on it); the alert's own kind is `alertKind`.
      kind: 'sent-alert',
      alertKind: sent.kind,
      expiresAt: Math.floor(Date.parse(sent.publishedAt) / 1000) + ALERT_LOG_DAYS * 86_400,
    },
  ]);
}

/**
 * One shard of one day of the log, newest first, strictly between `since` and `before`, optionally
 * only alerts naming a person/topic: pages through the shard until `limit` items matched or it ends.
 */
export async function querySentShard(
  table: Table,
  day: string,
  shard: number,
  range: { since?: string; before?: string; limit: number; filter?: { field: 'people' | 'topics'; id: string }; includeTest?: boolean },
): Promise<{ sk: string; alert: SentAlert }[]> {
  const values: Record<string, unknown> = { ':pk': keys.sentPartition(day, shard) };
  const conditions = ['pk = :pk'];
  if (range.since && range.before) conditions.push('sk BETWEEN :since AND :before');
  else if (range.since) conditions.push('sk > :since');
  else if (range.before) conditions.push('sk < :before');
  if (range.since) values[':since'] = range.since;
  if (range.before) values[':before'] = range.before;
  if (range.filter) values[':id'] = range.filter.id;
  // Test alerts (newswatch smoke) stay out of the default view.
  const filters = [
    ...(range.filter ? [`contains(${range.filter.field}, :id)`] : []),
    ...(range.includeTest ? [] : ['attribute_not_exists(#test)']),
  ];
  const found: { sk: string; alert: SentAlert }[] = [];
  const query = {
    KeyConditionExpression: conditions.join(' AND '),
    ...(filters.length > 0 && { FilterExpression: filters.join(' AND ') }),
    ...(!range.includeTest && { ExpressionAttributeNames: { '#test': 'test' } }),
    ExpressionAttributeValues: values,
    ScanIndexForward: false,
    Limit: range.limit,
  };
  await queryPages(table, query, (items) => {
    for (const i of items) {
      const alert = parseOrSkip(SentAlert, { ...i, kind: i.alertKind }, () => `sent alert ${i.pk} ${i.sk}`);
      const { sk } = itemKey(i);
      if (alert && sk !== range.before && sk !== range.since) found.push({ sk, alert });
    }
    return found.length >= range.limit;
  });
  return found.slice(0, range.limit);
}

/** Whether the log holds this alert published in [from, to]: its one shard of each day in the range. */
export async function wasLogged(table: Table, alertId: string, from: string, to: string): Promise<boolean> {
  const shard = shardOf(alertId, TAG_SHARDS);
  for (let t = Date.parse(dayOf(from)); t <= Date.parse(to); t += DAY_MS) {
    let found = false;
    const query = {
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      FilterExpression: 'alertId = :id',
      ExpressionAttributeValues: {
        ':pk': keys.sentPartition(dayOf(new Date(t).toISOString()), shard),
        ':from': from,
        ':to': `${to}~`,
        ':id': alertId,
      },
    };
    await queryPages(table, query, (items) => {
      found = items.length > 0;
      return found;
    });
    if (found) return true;
  }
  return false;
}
