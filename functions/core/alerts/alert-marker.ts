import * as z from '../zod';

/**
 * The marker that makes an alert go out once (adapters/alert-markers.ts): `publishing` while one
 * worker holds the claim, `published` once SNS took the alert. Parsed when a refused claim reads it.
 */
export const AlertMarker = z.object({
  status: z.enum(['publishing', 'published']),
  token: z.string(),
  /**
   * Once published: the time (UTC ISO) its entry in the log of what was sent is filed under, and SNS's
   * message id. Markers written before `loggedAt` existed have only a `publishedAt` a few ms off the log's.
   */
  loggedAt: z.optional(z.string()),
  messageId: z.optional(z.string()),
});
export type AlertMarker = z.infer<typeof AlertMarker>;
