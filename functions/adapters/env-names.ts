/**
 * Environment variable names shared by the CDK stack (which sets them) and the handlers (which read them).
 * The local runtime sets the same names, plus the SDK's own AWS_ENDPOINT_URL_DYNAMODB / AWS_ENDPOINT_URL_SNS.
 */
export const ENV = {
  tableName: 'TABLE_NAME',
  topicArn: 'ALERT_TOPIC_ARN',
  /** How long a Lambda keeps the watchlist before re-reading it (seconds, default 30: changes apply within a minute). */
  watchlistTtlSeconds: 'WATCHLIST_TTL_SECONDS',
  /** Article retention in days; 0 or unset keeps articles forever. */
  retentionDays: 'ARTICLE_RETENTION_DAYS',
  /** Largest accepted request body in bytes (default 1 MiB). */
  maxBodyBytes: 'MAX_BODY_BYTES',
  /** Optional: ARN of the SQS queue set as RedrivePolicy on subscriptions the API creates (undeliverable alerts land there). */
  subscriptionDlqArn: 'SUBSCRIPTION_DLQ_ARN',
  /** URL of the stream dead-letter queue: the dispatcher parks records there at once when no retry can succeed. */
  alertDlqUrl: 'ALERT_DLQ_URL',
  /** "true" only in the local runtime: feeds may then point at loopback and private addresses. */
  feedsAllowPrivate: 'FEEDS_ALLOW_PRIVATE_ADDRESSES',
  /** The queue the feed dispatcher fans due feeds out to (feed ids, one message each). */
  feedQueueUrl: 'FEED_QUEUE_URL',
  /**
   * "off" only to measure what story clustering costs (`npm run bench:pipeline` with BENCH_STORIES_AB):
   * every article is then a story of its own, filed nowhere. Never set when deployed.
   */
  storyClustering: 'NEWSWATCH_STORY_CLUSTERING',
  /** The UTC hour (0–23) of the daily digests (default 7); the same name configures `npm start`. */
  dailyDigestHour: 'NEWSWATCH_DAILY_DIGEST_HOUR',
} as const;

/** Reads a required variable at module scope, so a misconfigured function fails at cold start, loudly. */
export function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Missing required environment variable ${name}`);
  return value;
}
