/**
 * What travels from the feed dispatcher to the poller: one feed id per message. Apart from the SQS
 * adapter that sends it, so the poller, which only reads messages, loads no SQS client at cold start.
 */
export interface FeedMessage {
  feedId: string;
}

export function parseFeedMessage(body: string): FeedMessage {
  const parsed = JSON.parse(body) as Partial<FeedMessage>;
  if (typeof parsed.feedId !== 'string' || parsed.feedId === '') throw new Error('feed message without a feedId');
  return { feedId: parsed.feedId };
}
