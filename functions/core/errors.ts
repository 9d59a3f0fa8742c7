import type * as z from './zod';

/** What a failed parse reports: zod's issues (the mini and the classic API throw the same shape). */
type IssueList = Pick<z.core.$ZodError, 'issues'>;

/** One reason a request was refused: which field (dotted path) and why. */
export interface ErrorDetail {
  path: string;
  message: string;
}

/**
 * A failure the caller can act on. Each subclass carries its HTTP status and stable error code;
 * the one error mapper (functions/handlers/http/error-mapper.ts) turns it into the contract body.
 */
export abstract class DomainError extends Error {
  abstract readonly status: number;
  abstract readonly code: string;
  constructor(
    message: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class InvalidJson extends DomainError {
  readonly status = 400;
  readonly code = 'invalid_json';
}

export class ValidationFailed extends DomainError {
  readonly status = 400;
  readonly code = 'validation_failed';
}

export class UnknownWatchlistId extends DomainError {
  readonly status = 400;
  readonly code = 'unknown_watchlist_id';
}

export class FilterPolicyTooLarge extends DomainError {
  readonly status = 400;
  readonly code = 'filter_policy_too_large';
}

/**
 * SNS keeps one subscription per topic, protocol and endpoint: the same endpoint cannot be subscribed
 * twice (with other settings SNS refuses; with the same ones it would hand back the existing one).
 */
export class EndpointAlreadySubscribed extends DomainError {
  readonly status = 409;
  readonly code = 'endpoint_already_subscribed';
}

/**
 * Other requests subscribing the same endpoint at this very moment kept taking the SNS subscription's
 * claim while this one tried to: a race between clients, not a server failure. Nothing is kept for this
 * request, and trying again settles it (a 201, or the 409 naming the subscription that won).
 */
export class SubscriptionInProgress extends DomainError {
  readonly status = 409;
  readonly code = 'subscription_in_progress';
}

/** `POST /feeds` for a feed already added with other settings: kept as it is (no route changes a feed's settings). */
export class FeedAlreadyAdded extends DomainError {
  readonly status = 409;
  readonly code = 'feed_already_added';
}

/** SNS refused the endpoint itself (e.g. an SQS queue or Lambda function that does not exist). */
export class EndpointRefused extends DomainError {
  readonly status = 400;
  readonly code = 'invalid_endpoint';
}

export class NotFound extends DomainError {
  readonly status = 404;
  readonly code = 'not_found';
}

export class PayloadTooLarge extends DomainError {
  readonly status = 413;
  readonly code = 'payload_too_large';
}

/** The body came compressed (`content-encoding: gzip`…): it is read only as it is sent, uncompressed JSON. */
export class UnsupportedContentEncoding extends DomainError {
  readonly status = 415;
  readonly code = 'unsupported_content_encoding';
}

/** The article is within the request limit but too big for one DynamoDB item (400 KB). */
export class ArticleTooLarge extends DomainError {
  readonly status = 413;
  readonly code = 'article_too_large';
}

/**
 * The article is stored (and its alert owed), but the write that counts it into its story failed.
 * A server-side failure, so a 5xx: the client re-sends, and the re-send counts it in, once
 * (docs/reliability.md, "A story write that fails").
 */
export class StoryNotCounted extends DomainError {
  readonly status = 503;
  readonly code = 'story_not_counted';
}

/** A key the client chose is named only when it reads like a field name; anything else is not echoed back. */
const FIELD_NAME = /^[A-Za-z_$][A-Za-z0-9_$-]{0,63}$/;

function segmentOf(segment: PropertyKey): string {
  if (typeof segment === 'number') return String(segment);
  const text = String(segment);
  return FIELD_NAME.test(text) ? text : '(a field with an unusual name)';
}

/** Dotted field path, `(root)` for the document itself: what a client needs to find its mistake. */
export function pathOf(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(root)' : path.map(segmentOf).join('.');
}

const pathKey = (path: readonly PropertyKey[]) => JSON.stringify(path.map(String));

/**
 * Every zod issue as a detail; an unknown field gets its own path so the detail names it. A value of
 * the wrong type is named by that alone: zod still runs the field's other checks on it (an array has a
 * length, so `"body": []` also read "must not be empty"), and what they say is not true of it.
 */
export function zodDetails(error: IssueList, prefix: readonly PropertyKey[] = []): ErrorDetail[] {
  const wrongType = new Set(error.issues.filter((issue) => issue.code === 'invalid_type').map((issue) => pathKey(issue.path)));
  return error.issues.flatMap((issue): ErrorDetail[] => {
    if (issue.code !== 'invalid_type' && wrongType.has(pathKey(issue.path))) return [];
    const base = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: pathOf([...base, key]), message: 'unknown field' }));
    }
    return [{ path: pathOf(base), message: issue.message }];
  });
}

/**
 * Problems an error answer names, at most: a body of a hundred thousand unknown fields would otherwise
 * get an answer ten times its size (twelve megabytes for one, more than Lambda may answer). The rest
 * are counted in the message.
 */
export const MAX_DETAILS = 20;

/** Turns a ZodError into the named 400, naming each field and reason (the first MAX_DETAILS) in the message too. */
export function validationFailed(error: IssueList, prefix: readonly PropertyKey[] = []): ValidationFailed {
  const all = zodDetails(error, prefix);
  const details = all.slice(0, MAX_DETAILS);
  const more = all.length - details.length;
  const summary = details.map((d) => `${d.path}: ${d.message}`).join('; ') + (more > 0 ? `; and ${more} more problems` : '');
  return new ValidationFailed(`Invalid request: ${summary}`, details);
}
