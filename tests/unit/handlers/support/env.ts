// Imported first by every handler test: the handlers read their configuration at module scope.
process.env.TABLE_NAME = 'newswatch-test';
process.env.ALERT_TOPIC_ARN = 'arn:aws:sns:us-east-1:000000000000:newswatch-alerts';
process.env.AWS_REGION = 'us-east-1';
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
process.env.POWERTOOLS_METRICS_DISABLED = 'true';
process.env.WATCHLIST_TTL_SECONDS = '30';
process.env.ALERT_DLQ_URL = 'https://sqs.us-east-1.amazonaws.com/000000000000/newswatch-stream-dlq';

export const TABLE = 'newswatch-test';
export const TOPIC = 'arn:aws:sns:us-east-1:000000000000:newswatch-alerts';
export const ALERT_DLQ_URL = 'https://sqs.us-east-1.amazonaws.com/000000000000/newswatch-stream-dlq';
