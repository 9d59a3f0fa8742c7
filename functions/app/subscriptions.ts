import { randomUUID } from 'node:crypto';
import { inCreatedOrder } from '../core/created-order';
import { alreadySubscribed, isSubscriptionArn, subscribe, subscriptionState, unsubscribe } from '../adapters/sns-subscriptions';
import {
  claimSubscription,
  deleteSubscription,
  getSubscription,
  listSubscriptions,
  markConfirmed,
  releaseSubscription,
  saveSubscription,
  type SubscriptionRecord,
} from '../adapters/subscription-repository';
import type { SnsClient } from '../adapters/sns';
import type { Table } from '../adapters/table';
import { EndpointAlreadySubscribed, MAX_DETAILS, NotFound, UnknownWatchlistId } from '../core/errors';
import { deliveryFilterPolicy } from '../core/delivery-policy';
import { checkFilterPolicyLimits } from '../core/filter-policy';
import { canonicalEndpoint, SubscriptionRequest, maskEndpoint } from '../core/subscription-policy';
import type { Watchlist } from '../core/watchlist';
import type { SubscriptionCreatedAnswer, SubscriptionListAnswer, SubscriptionStatus } from '../core/api-answers';

export interface SubscriptionDeps {
  table: Table;
  sns: SnsClient;
  topicArn: string;
  /** Where SNS puts alerts it could not deliver to a subscriber (optional). */
  deadLetterArn?: string;
  watchlist: () => Promise<Watchlist>;
}

/**
 * Every followed id must be on the watchlist: a typo would otherwise silently never match. An unknown id
 * named twice is named once, at its first place (the list is followed without its repeats).
 */
function checkOnWatchlist(request: SubscriptionRequest, watchlist: Watchlist): void {
  const known = { people: new Set(watchlist.people.map((p) => p.id)), topics: new Set(watchlist.topics.map((t) => t.id)) };
  const unknown = (['people', 'topics'] as const).flatMap((field) =>
    (request[field] ?? []).flatMap((id, index, ids) => (known[field].has(id) || ids.indexOf(id) < index ? [] : [{ field, id, index }])),
  );
  if (unknown.length === 0) return;
  // The first MAX_DETAILS, as every 400 names them; the rest are counted.
  const named = unknown.slice(0, MAX_DETAILS);
  const more = unknown.length > named.length ? `, and ${unknown.length - named.length} more` : '';
  throw new UnknownWatchlistId(
    `Not on the watchlist: ${named.map((u) => `${u.field === 'people' ? 'person' : 'topic'} "${u.id}"`).join(', ')}${more}`,
    named.map((u) => ({ path: `${u.field}.${u.index}`, message: `"${u.id}" is not on the watchlist` })),
  );
}

/** What a subscription request came to: a new subscription (201), or the identical one it repeats (200). */
export interface SubscriptionOutcome {
  created: boolean;
  subscription: SubscriptionCreatedAnswer;
}

/** What a request asks for, as a record stores it (ids followed once each, in first-seen order). */
type Wanted = Pick<SubscriptionRecord, 'protocol' | 'endpoint' | 'delivery' | 'people' | 'topics' | 'minScore'>;

/** One endpoint, as subscribed: a record stored before e-mail domains were lower-cased still matches its address. */
const sameEndpoint = (a: Pick<Wanted, 'protocol' | 'endpoint'>, b: Pick<Wanted, 'protocol' | 'endpoint'>) =>
  canonicalEndpoint(a.protocol, a.endpoint) === canonicalEndpoint(b.protocol, b.endpoint);

const sameIds = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((id) => b.includes(id));

/** Whether a stored subscription is what the request asks for: the same endpoint, followed ids (in any order) and delivery. */
function isSame(record: SubscriptionRecord, wanted: Wanted): boolean {
  return (
    record.protocol === wanted.protocol &&
    sameEndpoint(record, wanted) &&
    record.delivery === wanted.delivery &&
    record.minScore === wanted.minScore &&
    sameIds(record.people, wanted.people) &&
    sameIds(record.topics, wanted.topics)
  );
}

/**
 * The endpoint already has subscription `id`. A request that repeats it exactly (a client's retry after
 * a lost answer) is answered with it, as a re-sent article is: nothing is created twice. One that asks for
 * other settings is a 409 naming it, since SNS keeps one subscription per endpoint.
 */
async function repeatOf(deps: SubscriptionDeps, wanted: Wanted, id: string): Promise<SubscriptionOutcome> {
  const record = await getSubscription(deps.table, id);
  if (!record || !isSame(record, wanted)) throw alreadySubscribed(id);
  return { created: false, subscription: { id: record.id, status: await refreshed(deps, record) } };
}

export async function createSubscription(deps: SubscriptionDeps, body: unknown): Promise<SubscriptionOutcome> {
  const parsed = SubscriptionRequest.parse(body);
  const request = { ...parsed, endpoint: canonicalEndpoint(parsed.protocol, parsed.endpoint) };
  checkOnWatchlist(request, await deps.watchlist());
  const id = `sub_${randomUUID().replaceAll('-', '')}`;
  // An id listed twice is followed once (clients send such lists; a Set keeps the first-seen order).
  const wanted: Wanted = {
    protocol: request.protocol,
    endpoint: request.endpoint,
    delivery: request.delivery,
    people: [...new Set(request.people ?? [])],
    topics: [...new Set(request.topics ?? [])],
    ...(request.minScore !== undefined && { minScore: request.minScore }),
  };
  const policy = deliveryFilterPolicy({ id, ...wanted });
  checkFilterPolicyLimits(policy);
  let sub: Awaited<ReturnType<typeof subscribe>>;
  try {
    sub = await subscribe(deps.sns, deps.topicArn, request.protocol, request.endpoint, policy, deps.deadLetterArn);
  } catch (error) {
    return repeatOf(deps, wanted, await existingFor(deps, wanted, error));
  }
  // The same endpoint with the same settings: SNS hands back the subscription it has, which a record already holds.
  const existing = isSubscriptionArn(sub.subscriptionArn)
    ? (await listSubscriptions(deps.table)).find((r) => r.subscriptionArn === sub.subscriptionArn)
    : undefined;
  // That record may be another request's still deciding, which can lose: the claim's holder is the one that
  // stays, claiming for the record found when nobody has (a record saved before claims existed has none).
  if (existing) return repeatOf(deps, wanted, (await claimSubscription(deps.table, sub.subscriptionArn, existing.id)) ?? existing.id);
  const record: SubscriptionRecord = {
    id,
    ...wanted,
    subscriptionArn: sub.subscriptionArn,
    pending: sub.pending,
    createdAt: new Date().toISOString(),
  };
  await saveSubscription(deps.table, record);
  const holder = await keepIfFirst(deps, record);
  if (holder !== undefined) return repeatOf(deps, wanted, holder);
  return { created: true, subscription: { id: record.id, status: sub.pending ? 'pending-confirmation' : 'confirmed' } };
}

/**
 * The same endpoint subscribed by two requests at once: SNS hands both the one subscription it made,
 * and neither saw the other's record when it looked. The record that claims it first keeps it; the other
 * is removed again (the SNS subscription is the first one's, so it stays) and the holder's id returned.
 */
async function keepIfFirst(deps: SubscriptionDeps, record: SubscriptionRecord): Promise<string | undefined> {
  if (!isSubscriptionArn(record.subscriptionArn)) return undefined;
  const holder = await claimSubscription(deps.table, record.subscriptionArn, record.id).catch(async (error: unknown) => {
    // Not kept without its claim (a 409 when other requests kept taking it): a retry would find this record and refuse itself.
    await deleteSubscription(deps.table, record.id);
    throw error;
  });
  // A request that found this record first may have claimed for it (createSubscription): it is kept all the same.
  if (holder === undefined || holder === record.id) return undefined;
  await deleteSubscription(deps.table, record.id);
  return holder;
}

/**
 * SNS refuses a second subscription of an endpoint with other settings without saying which one it
 * has (a digest subscription's policy names its own id, so even its exact repeat is refused): the id of newswatch's record
 * that holds that endpoint, or the refusal as it is when there is none.
 */
async function existingFor(deps: SubscriptionDeps, wanted: Wanted, error: unknown): Promise<string> {
  if (!(error instanceof EndpointAlreadySubscribed)) throw error;
  const records = await listSubscriptions(deps.table);
  const existing = records.find((r) => r.protocol === wanted.protocol && sameEndpoint(r, wanted));
  if (!existing) throw error;
  return existing.id;
}

/** Status of a pending subscription is asked of SNS (the subscriber may have confirmed since). */
async function refreshed(deps: SubscriptionDeps, record: SubscriptionRecord): Promise<SubscriptionStatus> {
  if (!record.pending) return 'confirmed';
  const state = await subscriptionState(deps.sns, record.subscriptionArn);
  if (state === 'confirmed') await markConfirmed(deps.table, record.id, record.subscriptionArn);
  return state === 'confirmed' ? 'confirmed' : state === 'gone' ? 'expired' : 'pending-confirmation';
}

/** In the order they were made, as `GET /feeds` lists feeds. */
export async function listAll(deps: SubscriptionDeps): Promise<SubscriptionListAnswer> {
  const records = inCreatedOrder(await listSubscriptions(deps.table));
  const items = await Promise.all(
    records.map(async (r) => ({
      id: r.id,
      protocol: r.protocol,
      endpoint: maskEndpoint(r.protocol, r.endpoint),
      people: r.people,
      topics: r.topics,
      delivery: r.delivery,
      ...(r.minScore !== undefined && { minScore: r.minScore }),
      status: await refreshed(deps, r),
      createdAt: r.createdAt,
    })),
  );
  return { items };
}

export async function removeSubscription(deps: SubscriptionDeps, id: string | undefined): Promise<void> {
  const record = id ? await getSubscription(deps.table, id) : undefined;
  if (!record) throw new NotFound('No subscription with this id');
  await unsubscribe(deps.sns, record.subscriptionArn);
  await deleteSubscription(deps.table, record.id);
  if (isSubscriptionArn(record.subscriptionArn)) await releaseSubscription(deps.table, record.subscriptionArn, record.id);
}
