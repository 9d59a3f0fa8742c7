import * as z from '../zod';
import { decodeCursor } from '../article-query';
import { toUtcIso } from '../normalise';
import { IsoDate, PageLimit } from '../query-params';
import { Slug } from '../slug';

export const AlertKind = z.enum(['article', 'story', 'digest']);
export type AlertKind = z.infer<typeof AlertKind>;

/** One published alert or digest, as `GET /alerts` lists it (contract: docs/api.md, What was sent). */
export const SentAlert = z.object({
  alertId: z.string(),
  kind: AlertKind,
  storyId: z.optional(z.string()),
  articleIds: z.array(z.string()),
  people: z.array(z.string()),
  topics: z.array(z.string()),
  /** When the (latest) article it reports was ingested. */
  ingestedAt: z.string(),
  publishedAt: z.string(),
  latencyMs: z.number().check(z.int(), z.nonnegative()),
  messageId: z.string(),
  /** The alert of a test article (`newswatch smoke`): listed only when the query asks for test alerts. */
  test: z.optional(z.literal(true)),
});
export type SentAlert = z.infer<typeof SentAlert>;

export function sentAlert(fields: Omit<SentAlert, 'latencyMs' | 'publishedAt'>, publishedAt: Date): SentAlert {
  return {
    ...fields,
    publishedAt: publishedAt.toISOString(),
    latencyMs: Math.max(0, publishedAt.getTime() - Date.parse(fields.ingestedAt)),
  };
}

/** Query string of GET /alerts: all optional; at most one of person/topic. */
export const AlertQueryParams = z
  .strictObject({
    since: z.optional(IsoDate),
    person: z.optional(Slug),
    topic: z.optional(Slug),
    limit: PageLimit,
    cursor: z.optional(z.string().check(z.minLength(1))),
    /** `true`: list test alerts (`newswatch smoke`) too; they are left out by default. */
    test: z.optional(z.enum(['true', 'false'], { error: 'must be true or false' })),
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

export function parseAlertQuery(params: Record<string, string | undefined>): AlertQuery {
  const q = AlertQueryParams.parse(params);
  const filter = q.person ? { field: 'people' as const, id: q.person } : q.topic ? { field: 'topics' as const, id: q.topic } : undefined;
  return {
    ...(q.since && { since: toUtcIso(q.since) }),
    ...(filter && { filter }),
    limit: q.limit,
    ...(q.cursor && { before: decodeCursor(q.cursor) }),
    ...(q.test === 'true' && { includeTest: true }),
  };
}
