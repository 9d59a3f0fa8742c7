/** Retry-After (and back-off) never pushes a feed's next poll further away than this. */
export const MAX_DELAY_MS = 24 * 60 * 60 * 1000;
const MINUTE_MS = 60_000;
/** A claimed feed not saved within this time (its poller died, or a local stop cut its poll) becomes due again. */
export const CLAIM_LEASE_MS = 15 * MINUTE_MS;
/** Failures double the wait, up to 2^MAX_DOUBLINGS times the feed's interval (and MAX_DELAY_MS). */
const MAX_DOUBLINGS = 6;

/**
 * Milliseconds asked for by a Retry-After header: delta-seconds or an HTTP date (RFC 9110 §10.2.3),
 * capped at 24 h; undefined when absent or unreadable.
 */
export function retryAfterMs(header: string | undefined, now: Date): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  const ms = /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value) - now.getTime();
  if (Number.isNaN(ms)) return undefined;
  return Math.min(Math.max(ms, 0), MAX_DELAY_MS);
}

/**
 * When a feed is polled next. A success keeps its interval. The n-th failure in a row waits
 * interval × 2^n (exponential back-off, capped), so a broken feed costs less and less; a server's
 * Retry-After (429, 503) is honoured when it asks for longer, up to 24 h.
 */
export function nextPollAt(now: Date, everyMinutes: number, failures: number, retryAfter?: number): Date {
  const interval = everyMinutes * MINUTE_MS;
  const backoff = failures > 0 ? interval * 2 ** Math.min(failures, MAX_DOUBLINGS) : interval;
  return new Date(now.getTime() + Math.min(Math.max(backoff, retryAfter ?? 0), MAX_DELAY_MS));
}

/** Due when its next poll time has come (a feed never polled is due at once). */
export function isDue(feed: { nextPollAt?: string }, now: Date): boolean {
  return !feed.nextPollAt || Date.parse(feed.nextPollAt) <= now.getTime();
}
