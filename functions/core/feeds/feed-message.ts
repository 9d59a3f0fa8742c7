import * as z from '../zod';

/**
 * What travels from the feed dispatcher to the poller: one feed id per message. Apart from the SQS
 * adapter that sends it, so the poller, which only reads messages, loads no SQS client at cold start.
 */
export const FeedMessage = z.object({ feedId: z.string().check(z.minLength(1)) });
export type FeedMessage = z.infer<typeof FeedMessage>;

export function parseFeedMessage(body: string): FeedMessage {
  const parsed = FeedMessage.safeParse(JSON.parse(body));
  if (!parsed.success) throw new Error('feed message without a feedId');
  return { feedId: parsed.data.feedId };
}
