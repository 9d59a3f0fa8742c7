/**
 * Retry policy for calls to the newswatch API: bounded attempts, exponential backoff with full jitter
 * (a random delay in [0, min(cap, base·2^n)]) so that many clients retrying at once spread out instead
 * of hitting a throttled API again in lockstep. Pure functions: the client injects sleep and random.
 */
export interface RetryPolicy {
  /** Total attempts including the first (so maxAttempts - 1 retries). */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 5, baseDelayMs: 250, maxDelayMs: 8_000 };

/** 429 (throttled) and 5xx are worth retrying; 501 (not implemented) never gets better. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status !== 501);
}

/** Delay before retry number `retry` (1 = the first retry): full jitter under an exponential cap. */
export function backoffDelayMs(retry: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.floor(random() * ceiling);
}

/**
 * A server's Retry-After header (seconds, or an HTTP date) in milliseconds, capped so a hostile or
 * mistaken header cannot park the CLI for hours. Undefined when absent or unreadable.
 */
export function retryAfterMs(header: string | null, now: number, capMs: number): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - now;
  if (!Number.isFinite(ms)) return undefined;
  return Math.min(Math.max(0, ms), capMs);
}

/** What to wait before the next attempt: the jittered backoff, but never less than the server asked for. */
export function nextDelayMs(retry: number, policy: RetryPolicy, random: () => number, serverHintMs?: number): number {
  return Math.max(backoffDelayMs(retry, policy, random), serverHintMs ?? 0);
}
