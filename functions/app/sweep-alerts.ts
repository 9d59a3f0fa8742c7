import { type DueAlert, type MalformedDue, overdueAlerts, parkMalformedDue, settleDue } from '../adapters/alert-due';
import { itemKey } from '../adapters/table';
import { getArticle } from '../adapters/article-repository';
import { MARKER_KEPT_MS } from '../adapters/alert-markers';
import { type DispatchDeps, type DispatchOutcome, publishOnce } from './dispatch-alert';

/** An owed alert is looked at once it is older than this: past the claim lease, so a dead claim is takeable. */
export const SWEEP_MIN_AGE_MS = 2 * 60_000;
/** At most this many owed alerts per run: a backlog drains over several runs instead of timing one out. */
export const SWEEP_MAX_PER_RUN = 200;
/** An owed item whose article never got stored (ingest died between the two writes) is dropped after this. */
const ORPHAN_AFTER_MS = 60 * 60_000;
/**
 * A re-send's owed item re-drives the alert only while the article is younger than this: a day short of
 * the alert marker's life, which starts at the claim, never before the article was stored.
 */
const RESEND_REDRIVES_MS = MARKER_KEPT_MS - 24 * 60 * 60_000;

export interface SweepOptions {
  now?: number;
  minAgeMs?: number;
  max?: number;
  /** Claim lease: 0 when the caller knows every earlier publisher is dead (a local start). */
  leaseMs?: number;
  /** Told once of each owed item that does not parse (parked in the table; counted as `malformed`). */
  onMalformed?: MalformedDue;
}

/**
 * `found`: owed items looked at; `overdue`: those whose alert (article or story) had not gone out — the
 * ones the `AlertsOverdue` alarm counts. An item found already published (a re-sent article writes a
 * new owed item before it learns the article is stored), of no alert, or whose article was never stored
 * (`unstored` while ingest may still be re-sent, then `orphaned`: the client got no 2xx) was owed nothing;
 * nor was a `resent` one: written by a re-send long after the article was stored, when the alert's
 * marker may be gone (the article's own owed item answers for its alert).
 * A `malformed` item (it does not parse, so its alert cannot be re-driven) counts as overdue once, when it
 * is parked (parkMalformedDue: moved out of the shards the sweeps read): someone must look, and put it
 * back fixed (docs/operations.md, `AlertsOverdue`).
 */
export type SweepReport = Record<DispatchOutcome | 'unstored' | 'orphaned' | 'resent' | 'failed' | 'malformed', number> & {
  found: number;
  overdue: number;
};
/** Outcomes of an item whose alert was still out: re-driven now, parked, left to another claim, or failed. */
const OVERDUE: readonly (keyof SweepReport)[] = ['published', 'story-published', 'dead-lettered', 'deferred', 'failed'];

/**
 * The completeness sweeper: every owed alert older than a few minutes is re-driven through the same
 * claim → publish → mark path as the stream, once. Whatever lost it on the way (a lost stream record,
 * an expired dead-letter message, a crash between claim and publish, a bug), the alert is sent.
 */
export async function sweepAlerts(deps: DispatchDeps, options: SweepOptions = {}): Promise<SweepReport> {
  const now = options.now ?? Date.now();
  const before = new Date(now - (options.minAgeMs ?? SWEEP_MIN_AGE_MS)).toISOString();
  const found: Array<[Record<string, unknown>, string]> = [];
  const owed = await overdueAlerts(deps.table, before, now, options.max ?? SWEEP_MAX_PER_RUN, (item, problem) => {
    found.push([item, problem]);
  });
  const malformed = await parkAll(deps, found, now, options.onMalformed);
  const report: SweepReport = {
    found: owed.length + malformed,
    overdue: malformed,
    malformed,
    published: 0,
    'already-published': 0,
    'story-published': 0,
    'not-an-alert': 0,
    'dead-lettered': 0,
    deferred: 0,
    unstored: 0,
    orphaned: 0,
    resent: 0,
    failed: 0,
  };
  for (const due of owed) {
    const outcome = await redrive(deps, due, now, options.leaseMs);
    report[outcome]++;
    if (OVERDUE.includes(outcome)) report.overdue++;
  }
  return report;
}

/**
 * Parks each malformed item found (moved out of the shards, parkMalformedDue) and reports it; how many
 * were reported. One another sweep removed first is its to report; one parked in place by an earlier
 * version (it carries `parkedAt`) was reported then, and is only moved; one that could not be parked
 * (the table refused a write) is reported now and found again by the next run.
 */
async function parkAll(
  deps: DispatchDeps,
  found: Array<[Record<string, unknown>, string]>,
  now: number,
  report?: MalformedDue,
): Promise<number> {
  let reported = 0;
  for (const [item, problem] of found) {
    const parked = await parkMalformedDue(deps.table, item, problem, now).catch(() => true);
    if (!parked || item.parkedAt !== undefined) continue;
    reported++;
    report?.(itemKey(item), problem);
  }
  return reported;
}

async function redrive(deps: DispatchDeps, due: DueAlert, now: number, leaseMs?: number): Promise<keyof SweepReport> {
  try {
    const article = await getArticle(deps.table, due.articleId);
    if (!article) {
      if (now - Date.parse(due.ingestedAt) < ORPHAN_AFTER_MS) return 'unstored';
      await settleDue(deps.table, due.key);
      return 'orphaned';
    }
    if (!article.matched) {
      await settleDue(deps.table, due.key);
      return 'not-an-alert';
    }
    // Written by a re-send (after the article, whose own owed item answers for its alert) once the alert's
    // marker may have expired: a claim could no longer tell a sent alert from an unsent one, and would send it again.
    if (due.ingestedAt > article.ingestedAt && now - Date.parse(article.ingestedAt) >= RESEND_REDRIVES_MS) {
      await settleDue(deps.table, due.key);
      return 'resent';
    }
    return await publishOnce(deps, article, { due: due.key, ...(leaseMs !== undefined && { leaseMs }) });
  } catch {
    // One failure (SNS down) must not stop the rest of the run; the item stays owed for the next one.
    return 'failed';
  }
}
