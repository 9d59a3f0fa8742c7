import * as z from '../zod';

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
