import type { Command } from 'commander';
import { addConnectionOptions, connect, type ConnectionOptions } from '../support/connection';
import { answerShape } from '../support/http-client';
import { DigestRunAnswer, type DigestResultAnswer } from '../../core/api-answers';
import { EXIT, runAction, UsageError } from '../support/cli-errors';
import { renderTable } from '../support/output';

/** What became of one period: `inFlight` is a period another run holds (its digest is still owed), not an empty one. */
function outcomeOf(r: DigestResultAnswer): string {
  if (r.failed) return 'failed (a later run sends it)';
  if (r.sent) return 'sent';
  if (r.otherRun) return 'taken by another run at the same time';
  return r.inFlight ? 'in flight (a run after its 15-minute lease sends it)' : 'nothing to send';
}

/** `digest send`: every hourly/daily subscription gets what matched since its previous digest, now (POST /digests). */
export function registerDigest(program: Command): void {
  const digest = program.command('digest').description('Digests for hourly and daily subscriptions');
  addConnectionOptions(
    digest
      .command('send')
      .description('Send the digests now: each subscription gets the stories that matched since its previous digest')
      .option('--delivery <mode>', 'only hourly or only daily subscriptions (default: both)')
      .option('--json', 'print the API response as JSON'),
  ).action(
    runAction(async (options: ConnectionOptions & { delivery?: string; json?: boolean }) => {
      if (options.delivery !== undefined && !['hourly', 'daily'].includes(options.delivery)) {
        throw new UsageError(`--delivery must be hourly or daily, not "${options.delivery}"`);
      }
      const { client } = connect(options);
      const { body } = await client.request('POST', '/digests', options.delivery ? { delivery: options.delivery } : {}, {
        expect: answerShape(DigestRunAnswer),
      });
      // A digest that could not be published is kept for a later run, but this one failed at it: exit 1.
      const outcome = body.items.some((r) => r.failed) ? EXIT.failure : EXIT.ok;
      if (options.json) {
        process.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
        return outcome;
      }
      const rows = body.items.map((r) => [
        r.subscriptionId,
        r.delivery,
        `${r.periodStart} → ${r.periodEnd}`,
        String(r.stories),
        outcomeOf(r),
      ]);
      const none = `no ${options.delivery ?? 'hourly or daily'} subscriptions`;
      process.stdout.write(`${rows.length ? renderTable(['SUBSCRIPTION', 'DELIVERY', 'PERIOD', 'STORIES', 'RESULT'], rows) : none}\n`);
      return outcome;
    }),
  );
}
