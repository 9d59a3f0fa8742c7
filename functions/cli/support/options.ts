import { InvalidArgumentError } from 'commander';
import { IsoDate } from '../../core/query-params';
import { Slug } from '../../core/slug';
import { wholeNumberBetween, wholeNumberForm } from '../../core/text/decimal-integer';

/**
 * Option parsers for commander. Each throws InvalidArgumentError, which commander reports as
 * "error: option '--concurrency <n>' argument '0' is invalid. …" — naming the option — and exits 2.
 */
export function integerBetween(min: number, max: number) {
  return (value: string): number => {
    const n = wholeNumberBetween(value, min, max);
    if (n === undefined) throw new InvalidArgumentError(`must be ${wholeNumberForm(min, max)}.`);
    return n;
  };
}

/**
 * A repeatable/variadic list of watchlist ids: `--person a b --person c` and `--person a,b` both work.
 * Ids are contract slugs, so a comma can never be part of one.
 */
export function collectIds(value: string, previous: string[] | undefined): string[] {
  const ids = value
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id.length > 0);
  // `--person "$WHO"` with WHO unset: dropping the empty value would follow everyone instead.
  if (ids.length === 0) throw new InvalidArgumentError('no id given (an empty value would follow everything).');
  for (const id of ids) {
    if (!Slug.safeParse(id).success) throw new InvalidArgumentError(`"${id}" is not a valid id (lowercase slug: a-z, 0-9 and "-").`);
  }
  return [...(previous ?? []), ...ids];
}

/**
 * A file name option (`--watchlist "$FILE"` with FILE unset): refused as empty, so the message names the
 * option instead of a file called "".
 */
export function fileName(value: string): string {
  if (value.trim() === '') throw new InvalidArgumentError('no file name given (the value was empty).');
  return value;
}

/**
 * A text option that must hold something: `--table "$TABLE"` with TABLE unset would otherwise be taken as
 * not given, and the command would go on with its default (the local table, the local queue, a region
 * from elsewhere) instead of the one the user meant.
 */
export function nonEmpty(value: string): string {
  if (value.trim() === '') throw new InvalidArgumentError('no value given (the value was empty).');
  return value;
}

/**
 * An SQS queue URL (`--queue-url`): refused at once unless it is an http(s) URL, so a queue name or an
 * ARN given in its place is a usage error naming the option, not an error of the SDK after a start-up.
 */
export function sqsQueueUrl(value: string): string {
  nonEmpty(value);
  if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol))
    throw new InvalidArgumentError('not an http(s) URL (the queue URL, e.g. https://sqs.eu-west-1.amazonaws.com/123456789012/my-alerts).');
  return value;
}

/** A single id argument (person or topic), checked before any request is made. */
export function parseId(value: string): string {
  if (!Slug.safeParse(value).success)
    throw new InvalidArgumentError(`"${value}" is not a valid id (lowercase slug: a-z, 0-9 and "-", at most 64 characters).`);
  return value;
}

/** A `--since` value, checked with the API's own rule before any request is made. */
export function parseIsoDate(value: string): string {
  const parsed = IsoDate.safeParse(value);
  if (!parsed.success) throw new InvalidArgumentError(`${parsed.error.issues[0]?.message ?? 'must be an ISO-8601 date or date-time'}.`);
  return value;
}

/**
 * A fractional number option the API takes as a JSON number (`--min-score`), as written in decimal:
 * `Number` would read an empty value as 0 and `0x10` as 16, settings the user never typed. Anything
 * else is NaN, which the API's schema then refuses, naming the option. A whole-number option
 * (`--every`) is read with decimalInteger instead, which takes no fraction and no exponent.
 */
export function decimalNumber(text: string): number {
  return /^\s*(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/.test(text) ? Number(text) : Number.NaN;
}
