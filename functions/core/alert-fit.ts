// Zod-free on purpose (bundled by the alert dispatcher, like alert-text.ts).
import { FULL_DETAIL, type ShortenLevel } from './alert-evidence';
import { type ComposedAlert, composeAlert } from './alert-text';
import type { StoredArticle } from './stored-article';
import { TEST_ATTRIBUTE } from './filter-policy';
import { scoreAttributes } from './delivery-policy';
import { fitsOnePublish, publishSize, SMS_MAX_CHARS, SNS_PUBLISH_MAX_BYTES, SNS_SUBJECT_MAX_CHARS } from './sns-limits';

export { SMS_MAX_CHARS, SNS_PUBLISH_MAX_BYTES };

/** From the full alert down to names, a short title and the link. */
export const SHORTEN_LEVELS: readonly ShortenLevel[] = [
  FULL_DETAIL,
  { perId: 1, sentenceMax: 280, titleMax: 2_000 },
  { perId: 1, sentenceMax: 120, titleMax: 500 },
  { perId: 0, sentenceMax: 0, titleMax: 200 },
];

/** An alert that cannot be made to fit SNS's limit (e.g. thousands of matched ids): retrying cannot help. */
export class AlertTooLarge extends Error {
  override readonly name = 'AlertTooLarge';
  /** Never worth a retry: the dispatcher dead-letters it at once. */
  readonly permanent = true;
}

/**
 * The Message of a MessageStructure=json Publish: `default` plus only the protocols whose text differs
 * from it (SNS sends `default` to every protocol not listed), so the JSON payload travels once, not five times.
 */
export function snsMessageOf(messages: ComposedAlert['messages']): string {
  const entries = Object.entries(messages).filter(([protocol, text]) => protocol === 'default' || text !== messages.default);
  return JSON.stringify(Object.fromEntries(entries));
}

/** The message attributes every alert is published with (filter policies match on people and topics). */
export function alertAttributes(
  alert: Pick<ComposedAlert, 'alertId' | 'people' | 'topics' | 'test' | 'topicScores'>,
): Record<string, { DataType: string; StringValue: string }> {
  const array = (name: string, values: readonly string[]) =>
    values.length ? { [name]: { DataType: 'String.Array', StringValue: JSON.stringify(values) } } : {};
  return {
    alertId: { DataType: 'String', StringValue: alert.alertId },
    ...array('people', alert.people),
    ...array('topics', alert.topics),
    ...(alert.test && { [TEST_ATTRIBUTE]: { DataType: 'String', StringValue: 'true' } }),
    ...scoreAttributes(alert.topicScores ?? {}),
  };
}

/** What SNS counts against its 256 KiB for this alert (sns-limits.ts, publishSize). */
export function publishBytes(alert: ComposedAlert): number {
  return publishSize({ message: snsMessageOf(alert.messages), subject: alert.subject, attributes: alertAttributes(alert) });
}

/** Each protocol's limit, checked before publishing; the first one broken, or undefined when all hold. */
export function brokenLimit(alert: ComposedAlert): string | undefined {
  const size = publishBytes(alert);
  if (!fitsOnePublish(size)) return `the message is ${size} bytes (SNS allows ${SNS_PUBLISH_MAX_BYTES})`;
  if ([...alert.messages.sms].length > SMS_MAX_CHARS) return `the SMS text is over ${SMS_MAX_CHARS} characters`;
  if (alert.subject.length > SNS_SUBJECT_MAX_CHARS) return `the subject is over ${SNS_SUBJECT_MAX_CHARS} characters`;
  return undefined;
}

/**
 * The most detailed alert that fits every protocol's limit: `build` composes it at a shortening
 * level, from the full alert down to names, title and link only. Throws AlertTooLarge when even
 * the shortest does not fit.
 */
export function fitAlert(build: (level: ShortenLevel) => ComposedAlert): ComposedAlert {
  let reason = '';
  for (const level of SHORTEN_LEVELS) {
    const alert = build(level);
    const broken = brokenLimit(alert);
    if (!broken) return alert;
    reason = broken;
  }
  throw new AlertTooLarge(`The alert cannot be shortened enough: ${reason}`);
}

/** The article's alert, as detailed as SNS's limits allow. */
export function composeFittingAlert(article: StoredArticle): ComposedAlert {
  return fitAlert((level) => composeAlert(article, level));
}
