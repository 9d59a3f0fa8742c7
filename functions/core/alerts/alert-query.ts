import * as z from '../zod';
import { decodeCursor } from '../article-query';
import { toUtcIso } from '../normalise';
import { PageLimit, QueryBoolean, QueryCursor, QueryIsoDate } from '../query-params';
import { QuerySlug } from '../slug';

// The query of GET /alerts, apart from the sent-alert record (sent-alert.ts): the functions that log what
// they sent (the alert dispatcher and sweeper, the digest scheduler) never build these schemas at init
// (docs/benchmarks.md, "Lambda cold start").

/** Query string of GET /alerts: all optional; at most one of person/topic. */
export const AlertQueryParams = z
  .strictObject({
    since: z.optional(QueryIsoDate),
    person: z.optional(QuerySlug),
    topic: z.optional(QuerySlug),
    limit: PageLimit,
    cursor: z.optional(QueryCursor),
    /** `true`: list test alerts (`newswatch smoke`) too; they are left out by default. */
    test: z.optional(QueryBoolean),
  })
  .check(
    z.refine((q) => q.person === undefined || q.topic === undefined, { path: ['topic'], message: 'give at most one of person or topic' }),
  );

export interface AlertQuery {
  since?: string;
  filter?: { field: 'people' | 'topics'; id: string };
  limit: number;
  /** Exclusive upper bound: the log sort key of the last item on the previous page. */
  before?: string;
  /** List test alerts too (default: leave them out). */
  includeTest?: boolean;
}

/** The listing a GET /alerts query pages through (its filter), which its cursors are bound to. */
export function alertListing(filter: AlertQuery['filter']): string {
  return filter ? `alerts ${filter.field} ${filter.id}` : 'alerts';
}

export function parseAlertQuery(params: Record<string, string | undefined>): AlertQuery {
  const q = AlertQueryParams.parse(params);
  const filter = q.person ? { field: 'people' as const, id: q.person } : q.topic ? { field: 'topics' as const, id: q.topic } : undefined;
  return {
    ...(q.since && { since: toUtcIso(q.since) }),
    ...(filter && { filter }),
    limit: q.limit,
    ...(q.cursor && { before: decodeCursor(q.cursor, alertListing(filter)) }),
    ...(q.test === 'true' && { includeTest: true }),
  };
}
