/** The alert JSON that machine subscribers receive: parse it with these schemas. */
import * as z from 'zod';

/** One piece of evidence in an alert: the span, and the sentence around it for a human reader. */
export const AlertEvidence = z.object({
  kind: z.enum(['person', 'topic']),
  id: z.string(),
  field: z.enum(['title', 'body']),
  start: z.number(),
  end: z.number(),
  text: z.string(),
  sentence: z.string(),
});
export type AlertEvidence = z.infer<typeof AlertEvidence>;

/** The JSON alert sent to SQS, HTTPS and Lambda subscribers (and the `default` message). */
export const AlertPayload = z.object({
  alertId: z.string(),
  articleId: z.string(),
  /** The story the article belongs to (absent only for articles stored before stories existed). */
  storyId: z.string().optional(),
  title: z.string().nullable(),
  url: z.string().nullable(),
  source: z.string().nullable(),
  publishedAt: z.string(),
  people: z.array(z.object({ id: z.string(), name: z.string() })),
  topics: z.array(z.string()),
  evidence: z.array(AlertEvidence),
  /** Present on the alert of a test article (`newswatch smoke`) only. */
  test: z.literal(true).optional(),
});
export type AlertPayload = z.infer<typeof AlertPayload>;
