import type { Command } from 'commander';
import { addConnectionOptions, connect, type ConnectionOptions } from '../support/connection';
import { EXIT, runAction } from '../support/cli-errors';
import { integerBetween } from '../support/options';
import { createProgress } from '../push/progress';
import { readArticleInputs } from '../push/read-articles';
import { type ItemOutcome, sendInBatches } from '../push/send-batches';
import { exitCodeOf, formatSummary, stoppedLine, summarize, type SummaryInputs } from '../push/summary';

interface PushOptions extends ConnectionOptions {
  jsonl?: boolean;
  concurrency: number;
  batchSize: number;
  json?: boolean;
  quiet?: boolean;
  dryRun?: boolean;
}

export function registerPush(program: Command): void {
  const command = program
    .command('push')
    .description('Send articles to the API: JSON files, JSON Lines, folders of them, or - for stdin')
    .argument(
      '<inputs...>',
      'FILE (.json: one article, an array or {"articles": [...]}; .jsonl: one per line), DIR (its .json/.jsonl files), or - (stdin)',
    )
    .option('--jsonl', 'read every input as JSON Lines, whatever its extension')
    .option('--concurrency <n>', 'batches in flight at once (1-64)', integerBetween(1, 64), 8)
    .option('--batch-size <n>', 'articles per request (1-100)', integerBetween(1, 100), 100)
    .option('--dry-run', 'validate locally and report, send nothing')
    .option('--json', 'print the summary as JSON on stdout')
    .option('-q, --quiet', 'no progress output');
  addConnectionOptions(command)
    .addHelpText(
      'after',
      `
Every article is checked locally against the contract first; a bad one is reported as file:line with
the field and the reason, counted as rejected, and not sent. The rest go in batches.

Exit codes: 0 every article accepted (new or duplicate); 1 any article rejected or not delivered,
or the API unreachable; 2 bad usage or unreadable input (nothing sent).

Examples:
  newswatch push article.json
  newswatch push articles.jsonl --concurrency 16
  cat articles.jsonl | newswatch push -`,
    )
    .action(runAction(push));
}

async function push(inputs: string[], options: PushOptions): Promise<number> {
  const parsed = await readArticleInputs(inputs, { format: options.jsonl ? 'jsonl' : 'auto' });
  if (options.dryRun) return report(summarize(parsed.rejected, [], parsed.articles.length), options, true, parsed);

  const progress = await createProgress(process.stderr, { quiet: options.quiet || options.json });
  // Resolve the connection only now: a dry run or unreadable input never needs one.
  const { client } = parsed.articles.length > 0 ? connect(options, { onRetry: () => progress.retried() }) : { client: undefined };
  progress.start(parsed.articles.length);
  const settled: ItemOutcome[] = [];
  const stopped = () => stoppedLine(settled, parsed.articles.length);
  // Ctrl-C: say how far it got before going (the usual 130), rather than leave a progress line 2 s old.
  const interrupted = () => {
    progress.stop();
    process.stderr.write(`\n${stopped()}\n`);
    process.exit(EXIT_INTERRUPTED);
  };
  process.once('SIGINT', interrupted);
  let outcomes: Awaited<ReturnType<typeof sendInBatches>>;
  try {
    outcomes = client
      ? await sendInBatches(parsed.articles, {
          client,
          batchSize: options.batchSize,
          concurrency: options.concurrency,
          onSettled: (batch) => {
            settled.push(...batch);
            progress.advance(batch.length);
          },
        })
      : [];
  } catch (error) {
    progress.stop();
    // Nothing settled yet (no server there, or not newswatch): the error alone says it all.
    if (settled.length > 0) process.stderr.write(`${stopped()}\n`);
    throw error;
  } finally {
    process.off('SIGINT', interrupted);
    progress.stop();
  }
  return report(summarize(parsed.rejected, outcomes), options, false, parsed);
}

/** The exit code of a command stopped by Ctrl-C, as shells give it (128 + SIGINT's 2). */
const EXIT_INTERRUPTED = 130;

function report(summary: ReturnType<typeof summarize>, options: PushOptions, dryRun: boolean, inputs: SummaryInputs): number {
  const code = dryRun ? (summary.rejected ? EXIT.failure : EXIT.ok) : exitCodeOf(summary);
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ ...summary, dryRun })}\n`);
    return code;
  }
  const [counts, ...problems] = formatSummary(summary, dryRun, inputs);
  if (problems.length) process.stderr.write(`${problems.join('\n')}\n`);
  process.stdout.write(`${counts}\n`);
  return code;
}
