import { EXIT } from '../support/cli-errors';
import { counted } from '../support/output';
import type { Rejection } from './read-articles';
import type { ItemOutcome } from './send-batches';

/** What `push` reports at the end, and the exit code that follows from it. */
export interface PushSummary {
  total: number;
  new: number;
  duplicate: number;
  /** Refused: invalid locally (never sent) or by the server. */
  rejected: number;
  /** Sent but not settled (server kept failing after retries). */
  failed: number;
  problems: Rejection[];
}

/** `unsent` counts valid articles deliberately not sent (a dry run). */
export function summarize(localRejections: readonly Rejection[], outcomes: readonly ItemOutcome[], unsent = 0): PushSummary {
  const summary: PushSummary = {
    total: localRejections.length + outcomes.length + unsent,
    new: 0,
    duplicate: 0,
    rejected: localRejections.length,
    failed: 0,
    problems: [...localRejections],
  };
  for (const outcome of outcomes) {
    summary[outcome.kind]++;
    if (outcome.kind === 'rejected' || outcome.kind === 'failed') {
      summary.problems.push({
        origin: outcome.origin,
        reason: outcome.kind === 'failed' ? `not delivered: ${outcome.reason ?? 'unknown error'}` : (outcome.reason ?? 'rejected'),
      });
    }
  }
  summary.problems.sort((a, b) => compareOrigins(a.origin, b.origin));
  return summary;
}

/** 0 when every article was accepted (new or duplicate), else 1. */
export function exitCodeOf(summary: PushSummary): number {
  return summary.rejected + summary.failed === 0 ? EXIT.ok : EXIT.failure;
}

/**
 * The line for a push cut short (the server gone, Ctrl-C): what was settled of how many, and what to do.
 * A re-run is safe: what was stored is answered as a duplicate.
 */
export function stoppedLine(settled: readonly ItemOutcome[], toSend: number): string {
  const count = (kind: ItemOutcome['kind']) => settled.filter((o) => o.kind === kind).length;
  const what = `${count('new')} new, ${count('duplicate')} duplicate, ${count('rejected')} rejected, ${count('failed')} failed`;
  return `push stopped after ${settled.length} of ${counted(toSend, 'article', 'articles')} (${what}); the rest were not confirmed: run the same push again (what was stored is answered as duplicate)`;
}

const MAX_LISTED = 50;

/** Where the articles came from, when more than one input held them: ` from 50 files`, ` from 2 files and stdin`. */
export interface SummaryInputs {
  files: number;
  stdin: boolean;
}

/**
 * The human summary: one line of counts, then each problem as `origin: reason` (the first 50). The
 * counts are articles, whatever held them; read from more than one input, the line says how many.
 */
export function formatSummary(summary: PushSummary, dryRun = false, inputs: SummaryInputs = { files: 1, stdin: false }): string[] {
  const articles = counted(summary.total, 'article', 'articles');
  const from = fromInputs(inputs);
  const counts = dryRun
    ? `${articles} checked${from}: ${summary.total - summary.rejected} valid, ${summary.rejected} rejected (dry run: nothing sent)`
    : `${articles}${from}: ${summary.new} new, ${summary.duplicate} duplicate, ${summary.rejected} rejected${summary.failed ? `, ${summary.failed} failed` : ''}`;
  const listed = summary.problems.slice(0, MAX_LISTED).map((p) => `  ${p.origin}: ${p.reason}`);
  const more = summary.problems.length > MAX_LISTED ? [`  … and ${summary.problems.length - MAX_LISTED} more`] : [];
  return [counts, ...listed, ...more];
}

function fromInputs({ files, stdin }: SummaryInputs): string {
  if (files + (stdin ? 1 : 0) <= 1) return '';
  const fileCount = counted(files, 'file', 'files');
  return stdin ? ` from ${fileCount} and stdin` : ` from ${fileCount}`;
}

/** `file:12 (article 3)` sorts by file, then numerically by line. */
function compareOrigins(a: string, b: string): number {
  return a.localeCompare(b, undefined, { numeric: true });
}
