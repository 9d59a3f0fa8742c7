import * as z from '../zod';

/** The `kind` that tells newswatch's own dead letters from Lambda's failure records in the same queue. */
const ALERT_FAILURE_KIND = 'newswatch-alert-failure';

/**
 * A record the dispatcher parks at once because no retry can succeed (a malformed article image, an
 * alert SNS refuses whatever we do; adapters/alert-dead-letter.ts sends it). It names the article,
 * never its text: the article is in the table, so `newswatch alerts redrive` (or the completeness
 * sweeper) re-reads it by id.
 */
export const AlertDeadLetter = z.object({
  kind: z.literal(ALERT_FAILURE_KIND),
  articleId: z.optional(z.string()),
  reason: z.string(),
  failedAt: z.string(),
  eventId: z.optional(z.string()),
  sequenceNumber: z.optional(z.string()),
  /** The owed-alert item (postponed while the letter waits). */
  due: z.optional(z.object({ pk: z.string(), sk: z.string() })),
});
export type AlertDeadLetter = z.infer<typeof AlertDeadLetter>;

const loose = <T extends z.core.$ZodLooseShape>(shape: T) => z.optional(z.looseObject(shape));

/**
 * Lambda's own record of a stream batch that ran out of retries (the event source mapping's on-failure
 * destination): only what redrive reads of it. On AWS it points at the shard range alone; the local
 * runtime's also carries the failed stream records under `records` (local/sns/dead-letter.ts).
 */
export const StreamFailureLetter = z.looseObject({
  /** Absent: a message with a `kind` is one of ours (or a stranger's), never Lambda's. */
  kind: z.optional(z.never()),
  records: z.optional(z.array(z.looseObject({ dynamodb: loose({ Keys: loose({ pk: loose({ S: z.optional(z.string()) }) }) }) }))),
});
