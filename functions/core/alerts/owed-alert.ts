import * as z from '../zod';

/**
 * An owed alert as the table keeps it (ingest writes it for every matched article, the dispatcher
 * deletes it once the alert is out; adapters/alert-due.ts): its key, whose sort key is
 * `<ingestedAt>#<articleId>`, and the article it is owed for. Parsed when the sweeper reads it back.
 * The sweeper's parking (adapters/alert-due.ts, deleteIfMalformed) repeats this check as a DynamoDB
 * condition, so it deletes an item only while it is still malformed: a new check here needs one there,
 * or an item refused only by it is never moved, never reported, and read by every sweep.
 */
export const OwedAlertItem = z
  .object({
    pk: z.string(),
    sk: z.string(),
    articleId: z.string().check(z.minLength(1)),
  })
  .check(
    z.refine((item) => item.sk.endsWith(`#${item.articleId}`), {
      message: 'the sort key does not end with #<articleId>',
      path: ['sk'],
    }),
  );
export type OwedAlertItem = z.infer<typeof OwedAlertItem>;
