import { ALERT_LOG_DAYS, DAY_MS, querySentShard } from '../adapters/sent-alert-repository';
import { TAG_SHARDS } from '../adapters/table-design';
import type { Table } from '../adapters/table';
import { encodeCursor } from '../core/article-query';
import { alertListing, parseAlertQuery } from '../core/alerts/alert-query';
import type { SentAlert } from '../core/alerts/sent-alert';
import type { AlertListAnswer } from '../core/api-answers';
import { countWithinBudget } from './response-budget';

// GET /alerts, apart from logging what was sent (alert-log.ts), which the alert functions import: the
// API loads this with its first GET /alerts.

/** The days to read, newest first: from the cursor's day (or today) back to `since` or the end of the log's retention. */
function daysToRead(now: Date, since: string | undefined, before: string | undefined): string[] {
  const newest = Date.parse(before ? before.slice(0, 10) : now.toISOString().slice(0, 10));
  const oldest = Math.max(
    Date.parse((since ?? '0000-01-01').slice(0, 10)),
    Date.parse(now.toISOString().slice(0, 10)) - ALERT_LOG_DAYS * DAY_MS,
  );
  const days: string[] = [];
  for (let t = newest; t >= oldest; t -= DAY_MS) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

/**
 * What was sent, newest first: day by day (each day's log spread over TAG_SHARDS partitions, read in
 * parallel and merged) until the page is full, or its JSON reaches the response budget.
 */
export async function listAlerts(
  table: Table,
  params: Record<string, string | undefined>,
  now: Date = new Date(),
): Promise<AlertListAnswer> {
  const query = parseAlertQuery(params);
  // One entry past the page tells whether anything follows it: the page that ends the log has no cursor.
  const read = query.limit + 1;
  const page: { sk: string; alert: SentAlert }[] = [];
  for (const day of daysToRead(now, query.since, query.before)) {
    const wanted = read - page.length;
    const range = { ...query, limit: wanted };
    const shards = await Promise.all(Array.from({ length: TAG_SHARDS }, (_, shard) => querySentShard(table, day, shard, range)));
    page.push(
      ...shards
        .flat()
        .sort((a, b) => (a.sk < b.sk ? 1 : -1))
        .slice(0, wanted),
    );
    if (page.length >= read) break;
  }
  // A digest's entry can name thousands of articles: a page of them stops early, with a cursor.
  const fitting = countWithinBudget(page.slice(0, query.limit).map((p) => p.alert));
  const full = page.length > fitting;
  const shown = page.slice(0, fitting);
  const last = shown.at(-1);
  return { items: shown.map((p) => p.alert), ...(full && last && { nextCursor: encodeCursor(last.sk, alertListing(query.filter)) }) };
}
