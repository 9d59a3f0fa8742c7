/** The alert JSON that machine subscribers receive: parse it with these schemas. */
import * as z from './zod';

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
  storyId: z.optional(z.string()),
  title: z.nullable(z.string()),
  url: z.nullable(z.string()),
  source: z.nullable(z.string()),
  publishedAt: z.string(),
  people: z.array(z.object({ id: z.string(), name: z.string() })),
  topics: z.array(z.string()),
  /** At most a few pieces of evidence per person or topic, each in its own sentence. */
  evidence: z.array(AlertEvidence),
  /** Present on the alert of a test article (`newswatch smoke`) only. */
  test: z.optional(z.literal(true)),
  /** Per person and topic: how much evidence the article holds (`total`) and how much `evidence` shows. */
  evidenceCounts: z.optional(
    z.array(z.object({ kind: z.enum(['person', 'topic']), id: z.string(), total: z.number(), shown: z.number() })),
  ),
  /** True when the alert was cut (fewer or shorter sentences, shorter title) to fit SNS's size limits: read the article at `url`. */
  shortened: z.optional(z.boolean()),
});
export type AlertPayload = z.infer<typeof AlertPayload>;
