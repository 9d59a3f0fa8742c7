/**
 * Owed alerts: ingest writes `ALERTDUE#<shard> / <ingestedAt>#<articleId>` for every matched article
 * (with the tag index, before the article), and the dispatcher deletes it once the alert is
 * published. Whatever loses an alert on the way — a lost stream record, an expired dead-letter
 * message, a crash between claim and publish, a bug — leaves this item behind, and the completeness
 * sweeper publishes what it finds older than a few minutes. The table is the source of truth.
 */
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { OwedAlertItem } from '../core/alerts/owed-alert';
import type { StoredArticle } from '../core/stored-article';
import { problemsOf } from '../core/stored-record';
import { isConditionalCheckFailed, type ItemKey, itemKey, queryPages, sendIfCondition, type Table, updateIfExists } from './table';
import { ALERT_DUE_SHARDS } from './table-design';
import { keys } from './table-keys';

/** An owed-alert item's key. */
export type DueKey = ItemKey;

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

/**
 * A dead-lettered alert: the sweeper leaves it alone until `until`. An operator's redrive does not wait for
 * it: it owes the alert again under a new key, due at once; this one, taken later, finds the alert published.
 */
export async function postponeDue(table: Table, key: DueKey, until: number): Promise<void> {
  await updateIfExists(table, key, { UpdateExpression: 'SET retryAfter = :until', ExpressionAttributeValues: { ':until': until } });
}

/** An owed item that does not parse (OwedAlertItem): its key, and what is wrong with it. */
export type MalformedDue = (key: DueKey, problem: string) => void;

/** An owed item read back that does not parse: the item as read, and what is wrong with it. */
export type MalformedItem = (item: Record<string, unknown>, problem: string) => void;

/** The item as read, as JSON (sets as arrays, bytes as base64): whatever it holds, the parked copy can keep it. */
const asJson = (item: Record<string, unknown>) =>
  JSON.stringify(item, (_, value) =>
    value instanceof Set ? [...value] : value instanceof Uint8Array ? Buffer.from(value).toString('base64') : value,
  );

/**
 * Parks a malformed owed item: moves it out of its shard (every sweep queries the shards, and would read
 * it again each minute, for ever) to `ALERTPARKED / <its pk>#<its sk>`, with `parkedAt` (ISO),
 * `parkedProblem` (what is wrong with it), `due` (its key) and `original` (the item as read, JSON), for
 * 30 days. The copy is written first, if absent; then the owed item is deleted, only while it is still
 * malformed, so an operator's fix made meanwhile is never lost (the item stays owed and a copy this call
 * wrote goes). True when this call's delete removed the item: exactly one sweep does, so that one reports
 * it — also the sweep after one that crashed between the two writes, which finds the copy written.
 */
export async function parkMalformedDue(table: Table, item: Record<string, unknown>, problem: string, now: number): Promise<boolean> {
  const due = itemKey(item);
  const parked = keys.parkedDue(due);
  const copied = await sendIfCondition(
    table,
    new PutCommand({
      TableName: table.name,
      Item: {
        ...parked,
        kind: 'alert-parked',
        due,
        original: asJson(item),
        parkedAt: new Date(now).toISOString(),
        parkedProblem: problem,
        expiresAt: Math.floor(now / 1000) + DUE_TTL_SECONDS,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
  const deleted = await deleteIfMalformed(table, due);
  if (deleted === 'fixed' && copied) await table.doc.send(new DeleteCommand({ TableName: table.name, Key: parked }));
  return deleted === 'removed';
}

/**
 * Deletes an owed item only while it is still malformed, i.e. its `articleId` is not the one its sort key
 * names after the ingest time (`<ingestedAt>#<articleId>`, as ingest writes it; an operator's fix gives
 * it that). A sort key without an article id can never be fixed, and is deleted whatever it holds.
 * `removed` when this call deleted it, `absent` when it was gone already (another sweep), `fixed` when
 * it now parses.
 */
async function deleteIfMalformed(table: Table, due: DueKey): Promise<'removed' | 'absent' | 'fixed'> {
  const hash = due.sk.indexOf('#');
  const fixable = hash >= 0 && hash < due.sk.length - 1;
  try {
    const { Attributes } = await table.doc.send(
      new DeleteCommand({
        TableName: table.name,
        Key: due,
        ReturnValues: 'ALL_OLD',
        ...(fixable && {
          ConditionExpression: 'attribute_not_exists(articleId) OR articleId <> :id',
          ExpressionAttributeValues: { ':id': due.sk.slice(hash + 1) },
        }),
      }),
    );
    return Attributes === undefined ? 'absent' : 'removed';
  } catch (error) {
    if (isConditionalCheckFailed(error)) return 'fixed';
    throw error;
  }
}

/**
 * Owed alerts ingested before `before` (ISO), oldest first, at most `max` of them, skipping postponed ones.
 * An item that does not parse is left where it is and handed to `malformed` (the sweep parks it:
 * parkMalformedDue moves it out of the shards, so no later query reads it). One damaged item must not
 * stop the sweep of every other owed alert.
 */
export async function overdueAlerts(
  table: Table,
  before: string,
  now: number,
  max: number,
  malformed: MalformedItem = () => undefined,
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
function dueAlertOf(item: Record<string, unknown>, malformed: MalformedItem): DueAlert | undefined {
  const parsed = OwedAlertItem.safeParse(item);
  if (!parsed.success) {
    malformed(item, problemsOf(parsed.error));
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
  malformed: MalformedItem,
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
