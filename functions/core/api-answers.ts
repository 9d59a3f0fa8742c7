import { SentAlert } from './alerts/sent-alert';
import { DIGEST_DELIVERIES } from './delivery-policy';
import { FeedStatus } from './feeds/feed';
import { ItemRefusal } from './feeds/item-refusal';
import { Delivery, Protocol } from './subscription-policy';
import { SurnameRule } from './watchlist';
import * as z from './zod';

/**
 * The answers of the HTTP API that clients read (contract: docs/api.md), one schema each: the use
 * cases that build an answer take its type from here, and the CLI checks each answer it reads with it
 * (an answer without newswatch's shape came from another server at that address).
 *
 * The use cases import this module for its types only (`import type`), so no Lambda bundle holds it
 * and no cold start builds these schemas: what a handler answers is checked by the compiler, not at run
 * time. Every object is `z.object`, never strict: the contract only ever adds fields, so an answer from
 * a newer server, with fields this version does not know, still parses.
 */

const Count = z.number().check(z.int(), z.nonnegative());
const Ids = z.array(z.string());

/** The error of a failed request, and of a failed item of a batch: `{"code", "message", "details"?}`. */
export const ErrorAnswer = z.object({ code: z.string(), message: z.string(), details: z.optional(z.array(z.unknown())) });
export type ErrorAnswer = z.infer<typeof ErrorAnswer>;

/** `POST /articles` with one article: 201 new, 200 already stored. */
export const IngestAnswer = z.object({
  id: z.string(),
  duplicate: z.boolean(),
  people: Ids,
  topics: Ids,
  /** Absent only for an article stored before stories existed. */
  storyId: z.optional(z.string()),
});
export type IngestAnswer = z.infer<typeof IngestAnswer>;

/** One article of a batch: its position in the request, its status, and the one-article answer or an error. */
export const IngestItemAnswer = z.union([
  z.object({ ...IngestAnswer.shape, index: Count, status: z.number() }),
  z.object({ index: Count, status: z.number(), error: ErrorAnswer }),
]);
export type IngestItemAnswer = z.infer<typeof IngestItemAnswer>;

/** `POST /articles` with `{"articles": [...]}`: 200 with a result per article. */
export const IngestBatchAnswer = z.object({ results: z.array(IngestItemAnswer) });
export type IngestBatchAnswer = z.infer<typeof IngestBatchAnswer>;

/** A feed, as `POST /feeds` answers it and `GET /feeds` lists it. */
export const FeedAnswer = z.object({
  id: z.string(),
  url: z.string(),
  /** The one given, else the feed URL's host. */
  source: z.string(),
  everyMinutes: Count,
  fullText: z.boolean(),
  /** `null` until the first poll. */
  lastPolledAt: z.nullable(z.string()),
  lastStatus: FeedStatus,
  lastHttpStatus: z.optional(z.number()),
  lastError: z.optional(z.string()),
  /** The new articles the feed has added. */
  articles: Count,
  nextPollAt: z.string(),
  createdAt: z.string(),
});
export type FeedAnswer = z.infer<typeof FeedAnswer>;

/** `GET /feeds`, in the order they were added. */
export const FeedListAnswer = z.object({ items: z.array(FeedAnswer) });
export type FeedListAnswer = z.infer<typeof FeedListAnswer>;

/** What polling one feed gave (`POST /feeds/poll`). */
export const PollResultAnswer = z.object({
  id: z.string(),
  url: z.string(),
  status: FeedStatus,
  httpStatus: z.optional(z.number()),
  items: Count,
  new: Count,
  duplicates: Count,
  rejected: Count,
  /** The first refused items (MAX_REFUSALS_NAMED), each by its link, guid or title, and why; only when some were. */
  refused: z.optional(z.array(ItemRefusal)),
  /** New items this poll left for the next one (only when there were some): at most 200 new items are taken per poll. */
  left: z.optional(Count),
  error: z.optional(z.string()),
});
export type PollResultAnswer = z.infer<typeof PollResultAnswer>;

/** `POST /feeds/poll`: every feed, polled now. */
export const PollAnswer = z.object({ results: z.array(PollResultAnswer) });
export type PollAnswer = z.infer<typeof PollAnswer>;

/** Whether SNS delivers to a subscription: e-mail and HTTPS wait for confirmation; `expired` never confirmed in time. */
export const SubscriptionStatus = z.enum(['confirmed', 'pending-confirmation', 'expired']);
export type SubscriptionStatus = z.infer<typeof SubscriptionStatus>;

/** `POST /subscriptions`: 201 with the new subscription's id. */
export const SubscriptionCreatedAnswer = z.object({ id: z.string(), status: SubscriptionStatus });
export type SubscriptionCreatedAnswer = z.infer<typeof SubscriptionCreatedAnswer>;

/** A subscription as `GET /subscriptions` lists it: its endpoint masked. */
export const SubscriptionAnswer = z.object({
  id: z.string(),
  protocol: Protocol,
  endpoint: z.string(),
  people: Ids,
  topics: Ids,
  delivery: Delivery,
  minScore: z.optional(z.number()),
  status: SubscriptionStatus,
  createdAt: z.string(),
});
export type SubscriptionAnswer = z.infer<typeof SubscriptionAnswer>;

/** `GET /subscriptions`. */
export const SubscriptionListAnswer = z.object({ items: z.array(SubscriptionAnswer) });
export type SubscriptionListAnswer = z.infer<typeof SubscriptionListAnswer>;

/**
 * A person on the watchlist, as in the watchlist file (docs/tagging.md): `GET /watchlist` lists them and
 * `PUT /watchlist/people/{id}` answers the entry it stored. Only what a reader relies on is spelled out.
 */
export const WatchlistPersonAnswer = z.object({
  id: z.string(),
  name: z.string(),
  aliases: z.optional(z.array(z.string())),
  surname: z.optional(z.string()),
  surnameRule: z.optional(SurnameRule),
  exclude: z.optional(z.array(z.string())),
});
export type WatchlistPersonAnswer = z.infer<typeof WatchlistPersonAnswer>;

/**
 * A topic on the watchlist (`GET /watchlist`, and the answer of `PUT /watchlist/topics/{id}`). A
 * definition's `terms` and `rules` are the file's, checked where the file is read, not here (a newer
 * server may know a built-in topic or rule this version does not).
 */
export const WatchlistTopicAnswer = z.object({
  id: z.string(),
  name: z.optional(z.string()),
  exclude: z.optional(z.array(z.string())),
  /** `terms` and `rules` are present on a topic defined in full; a built-in topic is its id alone. */
  threshold: z.optional(z.number()),
  terms: z.optional(z.record(z.string(), z.array(z.string()))),
  rules: z.optional(z.array(z.object({ all: z.array(z.string()), weight: z.number() }))),
});
export type WatchlistTopicAnswer = z.infer<typeof WatchlistTopicAnswer>;

/** `GET /watchlist`: the entries as in the watchlist file. */
export const WatchlistAnswer = z.object({ people: z.array(WatchlistPersonAnswer), topics: z.array(WatchlistTopicAnswer) });
export type WatchlistAnswer = z.infer<typeof WatchlistAnswer>;

/** `GET /alerts`: what was sent, newest first. */
export const AlertListAnswer = z.object({ items: z.array(SentAlert), nextCursor: z.optional(z.string()) });
export type AlertListAnswer = z.infer<typeof AlertListAnswer>;

/** What became of one subscription's period in a digest run (`POST /digests`). */
export const DigestResultAnswer = z.object({
  subscriptionId: z.string(),
  delivery: z.enum(DIGEST_DELIVERIES),
  periodStart: z.string(),
  periodEnd: z.string(),
  stories: Count,
  /** False when nothing matched (no message) or another run sent this period first. */
  sent: z.boolean(),
  /**
   * This period's digest could not be sent: put back for the next run, or (the table refused that too)
   * left in flight for the first run after the lease.
   */
  failed: z.optional(z.literal(true)),
  /** Why it failed: the error's name (never its message, the message body or the endpoint). */
  error: z.optional(z.string()),
  /**
   * This period is marked in flight by another run (sending it now, or one whose publish and put-back
   * both failed) within its lease: nothing is sent now, the first run after the lease sends it.
   */
  inFlight: z.optional(z.literal(true)),
  /**
   * Another run moved this subscription's period on at the same moment (two `digest send` at once) while
   * something matched: that run sends it (or keeps it for a later run); this one sends nothing. The period
   * shown is the one this run would have sent.
   */
  otherRun: z.optional(z.literal(true)),
});
export type DigestResultAnswer = z.infer<typeof DigestResultAnswer>;

/** `POST /digests`: a result per subscription period. */
export const DigestRunAnswer = z.object({ items: z.array(DigestResultAnswer) });
export type DigestRunAnswer = z.infer<typeof DigestRunAnswer>;
