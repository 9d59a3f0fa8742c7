import * as z from './zod';
import { Slug } from './slug';

export const Protocol = z.enum(['email', 'sms', 'https', 'sqs', 'lambda']);
export type Protocol = z.infer<typeof Protocol>;

const E164 = /^\+[1-9]\d{6,14}$/;
const SQS_ARN = /^arn:aws[a-z-]*:sqs:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,80}(\.fifo)?$/;
/** A FIFO queue: SNS subscribes those only to FIFO topics, and the alerts topic is a standard one (for its throughput and filters). */
const FIFO_QUEUE = /\.fifo$/;
const LAMBDA_ARN = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9$_-]{1,128})?$/;
const Email = z.email();

/** Why an endpoint is not valid for its protocol, or undefined when it is. */
export function endpointProblem(protocol: Protocol, endpoint: string): string | undefined {
  switch (protocol) {
    case 'email':
      return Email.safeParse(endpoint).success ? undefined : 'must be an email address';
    case 'sms':
      return E164.test(endpoint) ? undefined : 'must be a phone number in E.164 form, e.g. +14155550100';
    case 'https':
      return isHttpsUrl(endpoint) ? undefined : 'must be an https:// URL';
    case 'sqs':
      if (!SQS_ARN.test(endpoint)) return 'must be an SQS queue ARN, e.g. arn:aws:sqs:us-east-1:123456789012:alerts';
      return FIFO_QUEUE.test(endpoint)
        ? 'must be a standard queue, not a FIFO one (.fifo: SNS delivers to those only from FIFO topics)'
        : undefined;
    case 'lambda':
      return LAMBDA_ARN.test(endpoint) ? undefined : 'must be a Lambda function ARN';
  }
}

/**
 * The endpoint as it is subscribed: an e-mail address with its domain in lower case (domains are not
 * case-sensitive, and `Jane@Example.COM` and `Jane@example.com` are one mailbox: one subscription, not
 * two alerts to it), the part before `@` left as written; an https URL as the URL standard writes it
 * (`HTTPS://Example.org:443/x` is `https://example.org/x`: one receiver). ARNs and phone numbers as given.
 */
export function canonicalEndpoint(protocol: Protocol, endpoint: string): string {
  if (protocol === 'https') return URL.canParse(endpoint) ? new URL(endpoint).href : endpoint;
  if (protocol !== 'email') return endpoint;
  const at = endpoint.lastIndexOf('@');
  return `${endpoint.slice(0, at + 1)}${endpoint.slice(at + 1).toLowerCase()}`;
}

function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

/** How a subscription receives what it follows (contract: docs/api.md, Delivery). */
export const Delivery = z.enum(['article', 'story', 'hourly', 'daily'], { error: 'must be one of article, story, hourly, daily' });
export type Delivery = z.infer<typeof Delivery>;

/** A subscription as stored: the request, plus what SNS said about it. */
export const SubscriptionRecord = z.object({
  id: z.string(),
  protocol: Protocol,
  /** The subscriber's contact detail: stored for SNS bookkeeping, never logged, masked when listed. */
  endpoint: z.string(),
  people: z.array(z.string()),
  topics: z.array(z.string()),
  subscriptionArn: z.string(),
  /** True while SNS waits for the subscriber to confirm (email, https). */
  pending: z.boolean(),
  createdAt: z.string(),
  /** How it receives alerts (records made before delivery modes are `article`). */
  delivery: z._default(Delivery, 'article'),
  /** Followed topics alert only at or above this score. */
  minScore: z.optional(z.number().check(z.gte(0), z.lte(1))),
  /** Digests: the end of the period its last digest covered (its start is createdAt before the first). */
  lastDigestAt: z.optional(z.string()),
  /**
   * Digests: set while a run sends the period from digestInFlightFrom to digestInFlightTo (lastDigestAt
   * is moved on to its end before the publish), cleared once that digest is published or the period put
   * back; with digestClaimedAt, when. A mark without digestInFlightTo (written before it existed) ends at
   * lastDigestAt.
   */
  digestInFlightFrom: z.optional(z.string()),
  digestInFlightTo: z.optional(z.string()),
  digestClaimedAt: z.optional(z.string()),
});
export type SubscriptionRecord = z.infer<typeof SubscriptionRecord>;

/** Which subscription record holds an SNS subscription (see claimSubscription in the repository). */
export const SubscriptionClaim = z.object({ subscriptionId: z.string() });

const SCORE_RANGE = 'must be a number from 0 to 1';

/** Body of POST /subscriptions (contract). No people and no topics = every alert. */
export const SubscriptionRequest = z
  .strictObject({
    protocol: Protocol,
    endpoint: z.string().check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(2_048)),
    people: z.optional(z.array(Slug).check(z.maxLength(150))),
    topics: z.optional(z.array(Slug).check(z.maxLength(150))),
    delivery: z._default(Delivery, 'article'),
    minScore: z.optional(z.number({ error: SCORE_RANGE }).check(z.gte(0, SCORE_RANGE), z.lte(1, SCORE_RANGE))),
  })
  .check(
    z.superRefine((value, ctx) => {
      // An empty endpoint is already named as such; "must be an SQS queue ARN" beside it says nothing more.
      if (value.endpoint.trim() === '') return;
      const problem = endpointProblem(value.protocol, value.endpoint);
      if (problem) ctx.addIssue({ code: 'custom', path: ['endpoint'], message: `${problem} for protocol ${value.protocol}` });
    }),
  );
export type SubscriptionRequest = z.infer<typeof SubscriptionRequest>;

/** Shows enough of an endpoint to recognise it, never the full contact detail. */
export function maskEndpoint(protocol: Protocol, endpoint: string): string {
  switch (protocol) {
    case 'email': {
      const at = endpoint.lastIndexOf('@');
      return `${endpoint.slice(0, Math.min(1, at))}***${endpoint.slice(at)}`;
    }
    case 'sms':
      return `${endpoint.slice(0, 3)}${'*'.repeat(Math.max(endpoint.length - 6, 0))}${endpoint.slice(-3)}`;
    case 'https': {
      const url = new URL(endpoint);
      return `${url.protocol}//${url.host}/***`;
    }
    default:
      // Queue and function ARNs are infrastructure names, not personal contact details.
      return endpoint;
  }
}
