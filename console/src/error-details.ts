/** Which details of an API error to list under its message (pure: unit-tested). */
export interface Detail {
  path?: string;
  message?: string;
}

/**
 * The details whose words the message does not hold already: `name: must not be empty` under the same
 * message, or an endpoint's `no such SQS queue` under `The endpoint was refused: no such SQS queue`,
 * would say the same thing twice.
 */
export function detailsToList<D extends Detail>(message: string, details: readonly D[]): D[] {
  return details.filter((d) => d.message === undefined || !message.includes(d.message));
}

/** Statuses of a refusal that asking again later can get past: a timeout, and too many requests (API Gateway's throttling). */
const RETRYABLE_REFUSALS = new Set([408, 429]);

/** Whether Retry can help: not for a feature the server lacks, nor for a request it refused for good (a key without the scope, say). */
export function retryMayHelp(kind: string, status: number): boolean {
  if (kind === 'unavailable') return false;
  return kind !== 'bad-request' || RETRYABLE_REFUSALS.has(status);
}
