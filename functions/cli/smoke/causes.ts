import { ApiError, ConnectionError, OutOfTime } from '../support/http-client';

/**
 * The likely causes of a failed smoke step, named the way an operator looks for them: the alarm,
 * the queue or the log to check. Most likely first.
 */
export function apiCauses(error: unknown, functionName: string): string[] {
  if (error instanceof OutOfTime) return ['the run ran out of time before this step could ask the API: give a longer --timeout'];
  if (error instanceof ConnectionError) {
    return [`cannot reach the API (${error.reason}): check --url (the stack's ApiUrl output) or that \`npm start\` runs`];
  }
  if (!(error instanceof ApiError)) return [`unexpected error: ${error instanceof Error ? error.message : String(error)}`];
  // A 2xx only becomes an ApiError when its answer is not newswatch's (http-client.ts answerShape).
  if (error.status < 300) return ["another server answered at --url, not newswatch's API: check --url (the stack's ApiUrl output)"];
  switch (error.status) {
    case 401:
      return ['no API key reached the authorizer: pass --api-key or set NEWSWATCH_API_KEY'];
    case 403:
      return [
        'the authorizer refused the key: wrong, revoked, or without the admin scope smoke needs (npx newswatch keys create --scope admin)',
      ];
    case 404:
      return ['no such route: is --url the API base URL (the ApiUrl output), and is the deployed code this version?'];
    case 429:
      return ['the API throttled the request (stage throttling, see docs/deploy.md)'];
    default:
      return error.status >= 500
        ? [`the ${functionName} function failed (HTTP ${error.status}): see its logs and the ${functionName}Errors alarm`]
        : [`the API refused the request: ${error.message} (a server older than this CLI?)`];
  }
}

export const QUEUE_CAUSES_AWS = [
  'no AWS credentials, or they may not sqs:CreateQueue / sqs:SetQueueAttributes in this region (AWS_PROFILE, AWS_REGION, --region)',
];
export const QUEUE_CAUSES_LOCAL = [
  'the SNS/SQS stand-in of `npm start` is not reachable (its endpoint is in .newswatch/runtime.json; without that file here, set NEWSWATCH_SNS_PORT as `npm start` had it)',
];

/** What the server said about the article and its alert, gathered after the alert did not come. */
export interface AlertEvidence {
  /** The article as stored (GET /articles/{id}); undefined when not found. */
  stored: boolean;
  /** From GET /alerts when the server has it: whether an alert for the article was published. */
  published?: boolean;
  /** The queue received an SNS subscription confirmation instead of alerts. */
  confirmationSeen: boolean;
}

const NOT_PUBLISHED = [
  'no stream record reached the alert dispatcher: the table stream or its event source mapping is off (StreamIteratorAge alarm)',
  'the alert dispatcher failed on the record (AlertDispatcherErrors alarm; after retries the stream DLQ holds it)',
];
const NOT_DELIVERED = [
  'SNS delivery to the queue failed (AlertDeliveryFailures alarm; the subscription DLQ holds it)',
  'the queue policy does not let the alerts topic send to the queue',
];

export function alertCauses(evidence: AlertEvidence): string[] {
  if (!evidence.stored) return ['the article was not stored (ingest answered, but GET /articles/{id} finds nothing)'];
  const causes = evidence.confirmationSeen
    ? ['SNS waits for the subscription to be confirmed: the queue is in another AWS account than the alerts topic']
    : [];
  if (evidence.published === true) return [...causes, ...NOT_DELIVERED];
  if (evidence.published === false) return [...causes, ...NOT_PUBLISHED];
  return [...causes, ...NOT_PUBLISHED, ...NOT_DELIVERED];
}
