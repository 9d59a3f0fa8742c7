/**
 * Owed alerts: ingest writes `ALERTDUE#<shard> / <ingestedAt>#<articleId>` for every matched article
 * (with the tag index, before the article), and the dispatcher deletes it once the alert is
 * published. Whatever loses an alert on the way — a lost stream record, an expired dead-letter
 * message, a crash between claim and publish, a bug — leaves this item behind, and the completeness
 * sweeper publishes what it finds older than a few minutes. The table is the source of truth.
 */
import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { OwedAlertItem } from '../core/alerts/owed-alert';
import type { StoredArticle } from '../core/stored-article';
import { problemsOf } from '../core/stored-record';
import { itemKey, queryPages, sendIfCondition, type Table, updateIfExists } from './table';
import { ALERT_DUE_SHARDS } from './table-design';
import { keys } from './table-keys';

export interface DueKey {
  pk: string;
  sk: string;
}

export interface DueAlert {
  key: DueKey;
  articleId: string;
  ingestedAt: string;
}

/** Due items outlive the stream (24 h) and the dead-letter queues (14 days), then expire. */
const DUE_TTL_SECONDS = 30 * 86_400;

/** The item ingest writes for a matched article (none for an article that matched nothing). */
export function alertDueItems(article: StoredArticle, now: number = Date.now()): Record<string, unknown>[] {
  if (!article.matched) return [];
  return [
    {
      ...keys.alertDue(article.id, article.ingestedAt),
      kind: 'alert-due',
      articleId: article.id,
      expiresAt: Math.floor(now / 1000) + DUE_TTL_SECONDS,
    },
  ];
}

export const dueKeyOf = (article: Pick<StoredArticle, 'id' | 'ingestedAt'>): DueKey => keys.alertDue(article.id, article.ingestedAt);

/** The alert was published (or needs no publishing): nothing is owed any more. */
export async function settleDue(table: Table, key: DueKey): Promise<void> {
  await table.doc.send(new DeleteCommand({ TableName: table.name, Key: key }));
}

/** A dead-lettered alert: the sweeper leaves it alone until `until` (redrive clears this at once). */
export async function postponeDue(table: Table, key: DueKey, until: number): Promise<void> {
  await updateIfExists(table, key, { UpdateExpression: 'SET retryAfter = :until', ExpressionAttributeValues: { ':until': until } });
}

/** Redrive: the sweeper takes the alert on its next run. */
export function resumeDue(table: Table, key: DueKey): Promise<boolean> {
  return updateIfExists(table, key, { UpdateExpression: 'REMOVE retryAfter' });
}

/** An owed item that does not parse (OwedAlertItem): its key, and what is wrong with it. */
export type MalformedDue = (key: DueKey, problem: string) => void;

/**
 * Marks a malformed owed item as parked, where it is: `parkedAt` (ISO) and `parkedProblem` (what is wrong
 * with it) are what an operator looks for. The sweep no longer reports it; nothing is deleted, and an
 * item that parses is re-driven whatever its mark (an operator's fix counts, not the mark). False when
 * it was parked already (another sweep) or is gone.
 */
export async function parkMalformedDue(table: Table, key: DueKey, problem: string, now: number): Promise<boolean> {
  return sendIfCondition(
    table,
    new UpdateCommand({
      TableName: table.name,
      Key: key,
      UpdateExpression: 'SET parkedAt = :at, parkedProblem = :problem',
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(parkedAt)',
      ExpressionAttributeValues: { ':at': new Date(now).toISOString(), ':problem': problem },
    }),
  );
}

/**
 * Owed alerts ingested before `before` (ISO), oldest first, at most `max` of them, skipping postponed ones.
 * An item that does not parse is left where it is and reported to `malformed` — unless it was parked
 * (parkMalformedDue): reported once, then left to an operator. One damaged item must not stop the sweep
 * of every other owed alert.
 */
export async function overdueAlerts(
  table: Table,
  before: string,
  now: number,
  max: number,
  malformed: MalformedDue = () => undefined,
): Promise<DueAlert[]> {
  const perShard = await Promise.all(
    Array.from({ length: ALERT_DUE_SHARDS }, (_, shard) => overdueInShard(table, shard, before, now, max, malformed)),
  );
  return perShard
    .flat()
    .sort((a, b) => (a.ingestedAt < b.ingestedAt ? -1 : 1))
    .slice(0, max);
}

/** The owed alert an item read back holds; undefined (reported) when it does not parse. */
function dueAlertOf(item: Record<string, unknown>, malformed: MalformedDue): DueAlert | undefined {
  const parsed = OwedAlertItem.safeParse(item);
  if (!parsed.success) {
    if (item.parkedAt === undefined) malformed(itemKey(item), problemsOf(parsed.error));
    return undefined;
  }
  const { pk, sk, articleId } = parsed.data;
  return { key: { pk, sk }, articleId, ingestedAt: sk.slice(0, sk.indexOf('#')) };
}

async function overdueInShard(
  table: Table,
  shard: number,
  before: string,
  now: number,
  max: number,
  malformed: MalformedDue,
): Promise<DueAlert[]> {
  const found: DueAlert[] = [];
  const query = {
    KeyConditionExpression: 'pk = :pk AND sk < :before',
    FilterExpression: 'attribute_not_exists(retryAfter) OR retryAfter < :now',
    ExpressionAttributeValues: { ':pk': keys.alertDuePartition(shard), ':before': before, ':now': now },
    Limit: max,
  };
  await queryPages(table, query, (items) => {
    for (const item of items) {
      const due = dueAlertOf(item, malformed);
      if (due) found.push(due);
    }
    return found.length >= max;
  });
  return found.slice(0, max);
}
