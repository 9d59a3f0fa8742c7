import type { DigestDelivery } from '../delivery-policy';
import { ATTRIBUTES } from '../delivery-policy';
import { sha256Hex } from '../hash';
import { wholeNumberBetween } from '../text/decimal-integer';
import type { StorySummary } from '../stories/story';
import type { SubscriptionRecord } from '../subscription-policy';
import * as z from '../zod';
// Its type only: digest-payload.ts builds the schema, which only readers of a delivered digest need.
import type { DigestPayload } from './digest-payload';
import { fitsOnePublish, publishSize, SMS_MAX_CHARS } from '../sns-limits';

/** A matched article as the digest index keeps it (written at ingest for every matched article; parsed when read back). */
export const MatchEntry = z.object({
  articleId: z.string(),
  storyId: z.string(),
  ingestedAt: z.string(),
  people: z.array(z.string()),
  topics: z.array(z.string()),
  /** topic id → score, for subscriptions with `minScore`. */
  scores: z.record(z.string(), z.number()),
});
export type MatchEntry = z.infer<typeof MatchEntry>;

/** What a digest run reads of a subscription: its stored fields, with a digest delivery. */
export type DigestSubscription = Pick<SubscriptionRecord, 'id' | 'people' | 'topics' | 'minScore'> & { delivery: DigestDelivery };

/** Whether a matched article is one the subscription follows (topics at or above its minScore; following nothing = everything). */
export function follows(sub: DigestSubscription, m: MatchEntry): boolean {
  if (sub.people.length + sub.topics.length === 0) return true;
  if (m.people.some((p) => sub.people.includes(p))) return true;
  return m.topics.some((t) => sub.topics.includes(t) && (sub.minScore === undefined || (m.scores[t] ?? 0) >= sub.minScore));
}

/** A digest as subscribers receive it: its one definition is the schema its readers parse it with. */
export type Digest = z.infer<typeof DigestPayload>;

export function digestIdOf(subscriptionId: string, periodEnd: string): string {
  return `dg_${sha256Hex(`digest\n${subscriptionId}\n${periodEnd}`).slice(0, 32)}`;
}

export function digestOf(
  sub: DigestSubscription,
  period: { start: string; end: string },
  stories: readonly (StorySummary & { firstUrl: string | null })[],
): Digest {
  return {
    alertId: digestIdOf(sub.id, period.end),
    kind: 'digest',
    delivery: sub.delivery,
    periodStart: period.start,
    periodEnd: period.end,
    stories: stories.map((s) => ({
      id: s.id,
      title: s.title,
      articleCount: s.articleCount,
      sources: s.sources,
      people: s.people,
      topics: s.topics,
      url: s.firstUrl,
    })),
  };
}

const storyCount = (n: number) => `${n} stor${n === 1 ? 'y' : 'ies'}`;
/** Every story that matched: those listed and those left out for size. */
const matched = (d: Digest) => d.stories.length + (d.omittedStories ?? 0);

function text(d: Digest): string {
  const lines = d.stories.map(
    (s, i) =>
      `${i + 1}. ${s.title}\n   ${s.articleCount} article(s) from ${s.sources.join(', ') || 'unknown sources'}` +
      `${s.people.length ? `\n   People: ${s.people.join(', ')}` : ''}${s.topics.length ? `\n   Topics: ${s.topics.join(', ')}` : ''}${s.url ? `\n   ${s.url}` : ''}`,
  );
  const more = d.omittedStories ?? 0;
  const omitted = more ? [`… and ${more} more stor${more === 1 ? 'y' : 'ies'}, too many for one message (GET /stories lists them)`] : [];
  return [`newswatch ${d.delivery} digest: ${storyCount(matched(d))}, ${d.periodStart} to ${d.periodEnd}`, '', ...lines, ...omitted].join(
    '\n',
  );
}

type DigestMessage = ReturnType<typeof messageOf>;

function messageOf(d: Digest, subscriptionId: string) {
  const json = JSON.stringify(d);
  const readable = text(d);
  return {
    subject: `newswatch ${d.delivery} digest: ${storyCount(matched(d))}`,
    message: JSON.stringify({ default: json, email: readable, sms: readable.slice(0, SMS_MAX_CHARS) }),
    attributes: {
      alertId: { DataType: 'String', StringValue: d.alertId },
      [ATTRIBUTES.kind]: { DataType: 'String', StringValue: 'digest' },
      [ATTRIBUTES.subscription]: { DataType: 'String', StringValue: subscriptionId },
    },
  };
}

/** Whether SNS takes it: the same count and margin as every alert (sns-limits.ts). */
const fits = (m: DigestMessage): boolean => fitsOnePublish(publishSize(m));

/** The digest with its first `shown` stories (the most recently active: the caller's order), the rest counted. */
function firstStories(d: Digest, shown: number): Digest {
  return { ...d, stories: d.stories.slice(0, shown), omittedStories: matched(d) - shown };
}

/**
 * The one message a digest is: JSON for machine protocols, readable text for e-mail and SMS; addressed to
 * one subscription. A digest too large for one SNS message (a busy day, a subscription following
 * everything) would be refused on every run, for ever, as its period only grows: it lists as many of its
 * stories as fit, the most recently active first, and counts the rest in `omittedStories`.
 */
export function digestMessage(d: Digest, subscriptionId: string): DigestMessage {
  const whole = messageOf(d, subscriptionId);
  if (fits(whole)) return whole;
  // The most stories that fit (none always does: the header alone is a few hundred bytes).
  let low = 0;
  let high = d.stories.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (fits(messageOf(firstStories(d, middle), subscriptionId))) low = middle;
    else high = middle - 1;
  }
  return messageOf(firstStories(d, low), subscriptionId);
}

/** The digest schedule: hourly digests every hour on the hour; daily ones at this UTC hour unless configured. */
export const DAILY_DIGEST_HOUR_UTC = 7;
const LAST_HOUR = 23;

/** The daily digests' UTC hour from its setting (unset or empty: 07:00); anything but a whole hour 0–23 is refused. */
export function dailyDigestHour(setting: string | undefined): number {
  if (setting === undefined || setting.trim() === '') return DAILY_DIGEST_HOUR_UTC;
  // Decimal digits only: Number would read 0x7 or 7e0 as 7, an hour nobody wrote.
  const hour = wholeNumberBetween(setting, 0, LAST_HOUR, 2);
  if (hour === undefined) {
    throw new Error(`The daily digest hour must be a whole UTC hour from 0 to ${LAST_HOUR}, not "${setting}"`);
  }
  return hour;
}

/** Which digests are due at a scheduled run at `now`. */
export function dueDeliveries(now: Date, dailyHour: number = DAILY_DIGEST_HOUR_UTC): DigestDelivery[] {
  return now.getUTCHours() === dailyHour ? ['hourly', 'daily'] : ['hourly'];
}
