import type { ErrorDetail } from '../errors';
import { cutAt } from '../text/cut';
import * as z from '../zod';
import { hiddenCredentials } from '../url-credentials';
import type { FeedItem } from './parse-feed';

/**
 * How many refused items one poll's answer names: enough to see why a feed's items are skipped,
 * bounded for a feed whose 200 new items are all refused.
 */
export const MAX_REFUSALS_NAMED = 5;
/** A refused item is named by at most this many characters of its link, guid or title (feed text: any length). */
const MAX_LABEL_LENGTH = 200;

/** Line breaks, tabs, terminal escapes and bidirectional controls: a label is feed text, printed on one line by `feeds poll`. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are what it replaces.
const CONTROL_RUNS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]+/g;

/** An item a poll refused, and why: the item by its link, guid or title, the reason as the ingest gave it. */
export const ItemRefusal = z.object({ item: z.string(), reason: z.string() });
export type ItemRefusal = z.infer<typeof ItemRefusal>;

/** The reason for an item that makes no article. */
export const NO_TEXT = 'it has neither a title nor a text';

/**
 * Names an item the way a reader finds it in the feed: its link (without credentials, as the article's
 * url is stored), else its guid, else its title.
 */
export function itemLabel(item: FeedItem): string {
  const named = (item.link && hiddenCredentials(item.link)) || item.guid || item.title || '(an item with no link, guid or title)';
  const label = named.replace(CONTROL_RUNS, ' ');
  return label.length <= MAX_LABEL_LENGTH ? label : `${cutAt(label, MAX_LABEL_LENGTH - 1)}…`;
}

/** A reason is cut to this many characters: a refusal's message can list up to 20 fields. */
const MAX_REASON_LENGTH = 200;

/** The ingest's refusal in one line: the first field at fault and why, else its message (which then names no field). */
export function refusalReason(message: string, details: readonly ErrorDetail[] = []): string {
  const first = details[0];
  const reason = first ? `${first.path}: ${first.message}` : message;
  return reason.length <= MAX_REASON_LENGTH ? reason : `${cutAt(reason, MAX_REASON_LENGTH - 1)}…`;
}
