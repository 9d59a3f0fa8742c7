import * as z from '../zod';

/**
 * An owed alert as the table keeps it (ingest writes it for every matched article, the dispatcher
 * deletes it once the alert is out; adapters/alert-due.ts): its key, whose sort key is
 * `<ingestedAt>#<articleId>`, and the article it is owed for. Parsed when the sweeper reads it back.
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
