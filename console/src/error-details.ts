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
