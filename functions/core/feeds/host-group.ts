import { sha256Hex } from '../hash';

/** SQS allows message group ids of at most 128 characters. */
const MAX_GROUP_LENGTH = 128;
/** Characters SQS accepts in a message group or deduplication id: letters, digits and ASCII punctuation. */
const SQS_ID_CHARACTERS = /^[\x21-\x7e]+$/;

/**
 * The feed queue's message group of a feed: its URL's host (lowercase, without the port). The feed
 * queue is FIFO, and SQS hands out no message of a group while another of that group is in flight, so
 * however many pollers run, at most one polls a given host at a time (and inside it the fetcher's own
 * per-host limit holds). A host SQS would refuse (too long) is named by its hash.
 */
export function hostGroupOf(url: string): string {
  const host = new URL(url).hostname.toLowerCase();
  return host.length <= MAX_GROUP_LENGTH && SQS_ID_CHARACTERS.test(host) ? host : `h.${sha256Hex(host).slice(0, 40)}`;
}

/**
 * The deduplication id of one claim of a feed (the feed's id and the lease it was claimed until): a
 * dispatcher retry that sends the same claim twice within SQS's 5-minute window delivers it once;
 * the next claim is a new message.
 */
export function claimDedupId(feedId: string, leaseUntil: string): string {
  const id = `${feedId}@${leaseUntil}`;
  return id.length <= MAX_GROUP_LENGTH && SQS_ID_CHARACTERS.test(id) ? id : sha256Hex(id);
}
