import { type ErrorAnswer, IngestBatchAnswer, type IngestItemAnswer } from '../../core/api-answers';
import { answerShape, ApiError, ConnectionError, formatDetail, NotNewswatchError, type ApiClient } from '../support/http-client';
import { isRetryableStatus } from '../support/retry';
import type { Rejection, SourcedArticle } from './read-articles';

/**
 * Sends validated articles as `POST /articles {"articles": [...]}` batches, a bounded number in flight,
 * and classifies every article: new, duplicate, rejected by the server, or failed (not delivered).
 * The HTTP client already retried 429/5xx; what reaches here is final.
 */
export type OutcomeKind = 'new' | 'duplicate' | 'rejected' | 'failed';

export interface ItemOutcome {
  readonly kind: OutcomeKind;
  readonly origin: string;
  readonly reason?: string;
  /** The server answered this item alone with a status worth retrying (429, 5xx). */
  readonly retryable?: boolean;
  /** The server's error code for this item, when it gave one. */
  readonly code?: string;
}

/**
 * An item of a batch answered with a retryable status of its own is sent again (in a batch of such
 * items), at most this many times, a little later each time: e.g. a 503 `story_not_counted`, an
 * article stored whose story was not updated, which its re-send finishes (docs/reliability.md).
 */
const ITEM_RESENDS = 3;
const ITEM_RESEND_DELAY_MS = 250;

export interface SendOptions {
  client: ApiClient;
  batchSize: number;
  concurrency: number;
  /** Called after each batch with what it settled (a push cut short reports what was settled so far). */
  onSettled?: (settled: readonly ItemOutcome[]) => void;
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size));
  return batches;
}

export async function sendInBatches(items: readonly SourcedArticle[], options: SendOptions): Promise<ItemOutcome[]> {
  const queue = chunk(items, options.batchSize);
  const outcomes: ItemOutcome[] = [];
  let fatal: unknown;

  async function worker(): Promise<void> {
    for (let batch = queue.shift(); batch && fatal === undefined; batch = queue.shift()) {
      try {
        const settled = await sendBatch(options.client, batch);
        outcomes.push(...settled);
        options.onSettled?.(settled);
      } catch (error) {
        // Nothing else will get through either: stop every worker and report this one error.
        fatal ??= error;
      }
    }
  }

  await Promise.all(Array.from({ length: Math.min(options.concurrency, queue.length) }, worker));
  if (fatal !== undefined) throw fatal;
  return outcomes;
}

/** One batch, split in half on 413 (body too large) until it fits or a single article is refused. */
async function sendBatch(client: ApiClient, batch: SourcedArticle[], resends = ITEM_RESENDS): Promise<ItemOutcome[]> {
  try {
    const articles = batch.map((item) => item.article);
    const response = await client.request('POST', '/articles', { articles }, { expect: answerShape(IngestBatchAnswer) });
    const outcomes = interpretBatchResponse(response.body, batch);
    const again = batch.filter((_, i) => outcomes[i]!.retryable);
    if (again.length === 0 || resends === 0) return outcomes;
    await new Promise((resolve) => setTimeout(resolve, ITEM_RESEND_DELAY_MS * (ITEM_RESENDS - resends + 1)));
    const resent = await sendBatch(client, again, resends - 1);
    return outcomes.map((o) => (o.retryable ? settledAgain(o, resent.shift()!) : o));
  } catch (error) {
    if (isFatal(error)) throw error;
    if (error instanceof ApiError && error.status === 413 && batch.length > 1) {
      const half = Math.ceil(batch.length / 2);
      return [...(await sendBatch(client, batch.slice(0, half))), ...(await sendBatch(client, batch.slice(half)))];
    }
    if (error instanceof ApiError && error.status >= 400 && error.status < 500) {
      const reason = [error.apiMessage, ...error.details.map(formatDetail)].join('; ');
      return batch.map((item) => ({ kind: 'rejected', origin: item.origin, reason }));
    }
    const reason = error instanceof Error ? error.message : String(error);
    return batch.map((item) => ({ kind: 'failed', origin: item.origin, reason }));
  }
}

/** A re-sent item's outcome; stored by the first answer already (its story not yet counted), it is new, not a duplicate. */
function settledAgain(first: ItemOutcome, again: ItemOutcome): ItemOutcome {
  return first.code === 'story_not_counted' && again.kind === 'duplicate' ? { ...again, kind: 'new' } : again;
}

/**
 * Unreachable server, bad key, missing scope, not newswatch at all (a 2xx of another shape, or any
 * answer another server gives: dynalite's 400 JSON, a proxy's 404 page) or no `POST /articles` at that
 * URL (a 404: a base URL with a path too many): the same for every batch, so pushing on is pointless,
 * and no article was refused for what it holds.
 */
function isFatal(error: unknown): boolean {
  if (error instanceof ConnectionError || error instanceof NotNewswatchError) return true;
  return error instanceof ApiError && (error.status < 300 || error.status === 401 || error.status === 403 || error.status === 404);
}

/**
 * Reads `{"results": [...]}`: each item `{index, status, id, duplicate, …}` or `{index, status, error}`,
 * matched by `index`; an article the server did not answer is `failed`.
 */
export function interpretBatchResponse(body: IngestBatchAnswer, batch: readonly SourcedArticle[]): ItemOutcome[] {
  const byIndex = new Map(body.results.map((result) => [result.index, result]));
  return batch.map((item, index) => classify(byIndex.get(index), item.origin));
}

function classify(result: IngestItemAnswer | undefined, origin: string): ItemOutcome {
  if (!result) return { kind: 'failed', origin, reason: 'no result for this article in the response' };
  const error = 'error' in result ? result.error : undefined;
  if (isRetryableStatus(result.status)) {
    return { kind: 'failed', origin, reason: describeItemError(result.status, error), retryable: true, ...(error && { code: error.code }) };
  }
  if (error || result.status >= 400) return { kind: 'rejected', origin, reason: describeItemError(result.status, error) };
  return { kind: 'duplicate' in result && result.duplicate ? 'duplicate' : 'new', origin };
}

function describeItemError(status: number, error: ErrorAnswer | undefined): string {
  const details = error?.details?.map(formatDetail) ?? [];
  const message = error?.message ?? `HTTP ${status}`;
  // The message often already lists the details; show them only when they add something.
  const extra = details.filter((d) => !message.includes(d));
  return [message, ...extra].join('; ');
}

export type { Rejection };
