/**
 * The watchlist's META item: its change counter (`revision`), which every edit moves and every tagger's
 * cache checks, and what happens when it is damaged (docs/reliability.md, "A damaged watchlist change
 * counter").
 */
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { problemsOf } from '../core/stored-record';
import { WatchlistMeta } from '../core/watchlist';
import { reportSkipped } from './skipped-records';
import { keys } from './table-keys';
import { sendIfCondition, type Table } from './table';

const META_RECORD = `watchlist META item ${keys.watchlistMeta.pk} ${keys.watchlistMeta.sk}`;

/**
 * The META item's change counter: 0 before the first edit; undefined before the watchlist was seeded,
 * and undefined — unknown, so every cache reads the whole watchlist at each check — when the counter is
 * damaged (a hand edit, a foreign write). A damaged counter is reset (resetDamagedRevision) and reported,
 * never a reason to fail a read: every ingest reads it.
 */
export async function revisionOf(table: Table, meta: Record<string, unknown> | undefined): Promise<number | undefined> {
  if (meta === undefined) return undefined;
  const parsed = WatchlistMeta.safeParse(meta);
  if (parsed.success) return parsed.data.revision ?? 0;
  await resetDamagedRevision(table, meta.revision, problemsOf(parsed.error));
  // Still unknown for this read: the entries read with it may predate an edit whose count the damage
  // swallowed, so the caller's next check sees the reset value as a change and reads everything again.
  return undefined;
}

/**
 * The condition that the counter still holds what was read. A damaged number is compared; one no
 * JavaScript number holds (past ±2^53: read as NaN, adapters/stored-numbers.ts) is matched by still being
 * such a number, which an edit's ADD leaves it (that edit is then counted by the reset itself, a change
 * every cache sees). Any other type (a string, a null, a map, ...) is matched by not being a number,
 * since neither an edit's ADD (refused on such a value) nor a reset (which writes a number) can leave
 * another non-number behind.
 */
function stillDamaged(damaged: unknown): { ConditionExpression: string; values: Record<string, unknown> } {
  if (Number.isNaN(damaged)) {
    return {
      ConditionExpression: 'attribute_type(revision, :number) AND NOT (revision BETWEEN :lowest AND :highest)',
      values: { ':number': 'N', ':lowest': Number.MIN_SAFE_INTEGER, ':highest': Number.MAX_SAFE_INTEGER },
    };
  }
  return typeof damaged === 'number'
    ? { ConditionExpression: 'revision = :damaged', values: { ':damaged': damaged } }
    : { ConditionExpression: 'attribute_exists(revision) AND NOT attribute_type(revision, :number)', values: { ':number': 'N' } };
}

/**
 * Replaces a damaged change counter with the current time in milliseconds: far above any count of edits,
 * so no cache holds it and every one that held a revision from before the damage reads the watchlist
 * again; later edits count on from it. Conditional on the damaged value still being there (an edit or
 * another reset in between wins). Best effort: a failed reset only leaves the counter unknown (caches
 * read everything at each check) until the next read tries again.
 */
async function resetDamagedRevision(table: Table, damaged: unknown, problems: string): Promise<void> {
  const fresh = Date.now();
  const condition = stillDamaged(damaged);
  let outcome: string;
  try {
    const reset = await sendIfCondition(
      table,
      new UpdateCommand({
        TableName: table.name,
        Key: keys.watchlistMeta,
        UpdateExpression: 'SET revision = :fresh',
        ConditionExpression: condition.ConditionExpression,
        ExpressionAttributeValues: { ':fresh': fresh, ...condition.values },
      }),
    );
    outcome = reset ? `reset to ${fresh}` : 'changed meanwhile, not reset';
  } catch (error) {
    outcome = `not reset (${(error as Error).name})`;
  }
  reportSkipped(META_RECORD, `${problems}; the change counter was ${outcome}, caches read the whole watchlist`);
}

/** The META item (one consistent GetItem); undefined before the watchlist was seeded. */
export async function readMeta(table: Table): Promise<Record<string, unknown> | undefined> {
  const out = await table.doc.send(new GetCommand({ TableName: table.name, Key: keys.watchlistMeta, ConsistentRead: true }));
  return out.Item;
}
