import { randomBytes } from 'node:crypto';
import { TAIL_QUEUE_PREFIX } from '../../core/runtime-info';
import type { Command } from 'commander';
import type { ReceivedAlert } from '../alerts/alert-message';
import { formatAlert } from '../alerts/alert-message';
import { followQueue } from '../alerts/follow';
import { alertQueue, createTailQueue, deleteQueue, settingsForQueueUrl, sqsClient, tailReceiveSettings } from '../alerts/sqs-queue';
import {
  addConnectionOptions,
  connect,
  readRuntimeInfo,
  localStandin,
  resolveConnection,
  runtimeFilePath,
  type ConnectionOptions,
  runtimeFileSought,
  type RuntimeInfo,
} from '../support/connection';
import { CliError, runAction, UsageError } from '../support/cli-errors';
import { answerShape, type ApiClient } from '../support/http-client';
import { SubscriptionCreatedAnswer } from '../../core/api-answers';
import { collectIds, integerBetween, nonEmpty, sqsQueueUrl } from '../support/options';
import { loadIsolated } from '../support/isolated-module';
import type * as Redrive from '../operator/redrive';
import { resolveKeyTarget } from './keys';
import { registerAlertsList } from './alerts-list';

/**
 * `alerts tail`: follow alerts as they arrive.
 * Locally it makes its own queue in the SNS/SQS stand-in, subscribes it through the API (with the
 * --person/--topic filters), and removes both on Ctrl-C. Against AWS it reads a queue of yours that is
 * already subscribed to the alerts topic (--queue-url), since the CLI should not create resources in
 * your account behind your back.
 */
interface TailOptions extends ConnectionOptions {
  person?: string[];
  topic?: string[];
  json?: boolean;
  queueUrl?: string;
  region?: string;
  keep?: boolean;
  max?: number;
}

export function registerAlerts(program: Command): void {
  const alerts = program.command('alerts').description('Follow alerts as they are published, or list what was sent');
  registerAlertsList(alerts);
  addConnectionOptions(
    alerts
      .command('tail')
      .description('Print alerts as they arrive: people, topics, title, link and evidence (Ctrl-C stops)')
      .option('--person <ids...>', 'only alerts naming these people (repeatable; local mode)', collectIds)
      .option('--topic <ids...>', 'only alerts for these topics (repeatable; local mode)', collectIds)
      .option('--json', 'print each alert as one line of JSON')
      .option(
        '--queue-url <url>',
        'read this SQS queue (already subscribed to the alerts topic) instead of making one; for a deployed stack',
        sqsQueueUrl,
      )
      .option('--region <region>', 'AWS region of --queue-url (default: from the URL)', nonEmpty)
      .option('--keep', 'do not delete messages from --queue-url after printing them')
      .option('--max <n>', 'stop after this many alerts', integerBetween(1, 1_000_000)),
  )
    .addHelpText(
      'after',
      `
Locally (\`npm start\` running) no setup is needed: a queue newswatch-tail-<random> is created and
subscribed with your filters, and both are removed when you press Ctrl-C.
Against a deployed stack, subscribe a queue of yours once, then tail it (messages are consumed):
  newswatch subscribe --sqs arn:aws:sqs:eu-west-1:123456789012:my-alerts --person viktor-bout
  newswatch alerts tail --queue-url https://sqs.eu-west-1.amazonaws.com/123456789012/my-alerts`,
    )
    .action(runAction(tail));

  alerts
    .command('redrive')
    .description('Re-drive the alerts in the stream dead-letter queue (the completeness sweeper publishes them, once)')
    .option('--queue-url <url>', "the deployed StreamDlqUrl stack output (default: the local runtime's queue)", sqsQueueUrl)
    .option('--table <name>', 'the deployed table (TableName output, env NEWSWATCH_TABLE); uses your AWS credentials', nonEmpty)
    .option('--region <region>', 'AWS region of --table and --queue-url (default: AWS_REGION / your AWS profile)', nonEmpty)
    .addHelpText(
      'after',
      `
Locally (\`npm start\` running): newswatch alerts redrive
Deployed: newswatch alerts redrive --queue-url <StreamDlqUrl output> --table <TableName output>`,
    )
    .action(runAction(redrive));
}

async function redrive(options: { queueUrl?: string; table?: string; region?: string }): Promise<void> {
  const runtime = readRuntimeInfo(runtimeFilePath());
  const table = resolveKeyTarget(
    { ...(options.table && { table: options.table }), ...(options.region && { region: options.region }) },
    process.env,
    runtime,
  );
  const queueUrl = options.queueUrl ?? (table.endpoint ? runtime?.streamDlqUrl : undefined);
  if (!queueUrl) {
    throw new UsageError('--queue-url: no dead-letter queue given', [
      'for a deployed stack pass --queue-url <StreamDlqUrl output> with --table',
    ]);
  }
  const operator = await loadIsolated<typeof Redrive>('cli/operator/redrive.ts');
  const report = await operator
    .redriveDeadLetters({ table, queueUrl, queue: settingsForQueueUrl(queueUrl, options.region ?? table.region) })
    .catch((error: unknown) => {
      // Deployed, redrive runs on the operator's own AWS credentials: without them it says so, as keys and
      // alerts tail do, not "unexpected error".
      if ((error as Error)?.name === 'CredentialsProviderError') throw new CliError(sqsProblem(error));
      throw error;
    });
  process.stdout.write(
    `${report.messages} dead-letter message(s): ${report.requeued} alert(s) re-queued for the sweeper (published within a minute), ` +
      `${report.coveredBySweeper} already owed (the sweeper re-drives them), ${report.kept} kept (malformed article items: fix or delete them)\n`,
  );
}

function printer(json: boolean | undefined) {
  return (alert: ReceivedAlert) =>
    process.stdout.write(json ? `${JSON.stringify(alert.payload)}\n` : `${formatAlert(alert.view, new Date())}\n\n`);
}

/** Ctrl-C (or SIGTERM) aborts the poll and lets cleanup run; a second Ctrl-C leaves at once. */
function stopOnSignal(): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const onSignal = () => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write('\nstopping…\n');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

async function tail(options: TailOptions): Promise<void> {
  if (options.queueUrl) return tailExistingQueue(options.queueUrl, options);
  if (options.keep) throw new UsageError('--keep: only with --queue-url (the local queue is removed when tail stops)');
  const runtime = readRuntimeInfo(runtimeFilePath());
  const connection = resolveConnection(options, process.env, runtime);
  const local = localStandin(connection);
  // No runtime.json and no key either: nothing says a runtime is running (with a key, its stand-in is looked for where `serve` puts it).
  if (!local || (local.assumed && !connection.apiKey)) throw noLocalRuntime(runtime);
  const { client: api } = connect(options);
  const { client, sqs } = await sqsClient({ endpoint: local.endpoint, region: local.region, dummyCredentials: true });
  const queue = await createTailQueue(client, sqs, `${TAIL_QUEUE_PREFIX}${randomBytes(4).toString('hex')}`).catch((error: unknown) => {
    const assumed = local.assumed
      ? ` (no runtime.json here names this URL, so the port \`serve\` uses unless told another: set NEWSWATCH_SNS_PORT as it is set there)`
      : '';
    throw new CliError(`cannot create a queue at the SNS/SQS stand-in ${local.endpoint}${assumed}: ${sqsProblem(error)}`);
  });
  const stop = stopOnSignal();
  let subscriptionId: string | undefined;
  let runtimeGone = false;
  try {
    const request = {
      protocol: 'sqs',
      endpoint: queue.arn,
      ...(options.person && { people: options.person }),
      ...(options.topic && { topics: options.topic }),
    };
    subscriptionId = (await api.request('POST', '/subscriptions', request, { expect: answerShape(SubscriptionCreatedAnswer) })).body.id;
    const filter = [options.person && `people ${options.person.join(', ')}`, options.topic && `topics ${options.topic.join(', ')}`]
      .filter(Boolean)
      .join(' or ');
    process.stderr.write(
      `tailing ${filter ? `alerts for ${filter}` : 'every alert'} (queue ${queue.arn.split(':').pop()}); Ctrl-C to stop\n`,
    );
    await followQueue(alertQueue(client, sqs, queue.url), {
      signal: stop.signal,
      onAlert: printer(options.json),
      ...(options.max && { max: options.max }),
      isPermanent: isRefused,
    });
  } catch (error) {
    if (!isRefused(error)) throw error;
    runtimeGone = true;
    throw new CliError('the local runtime stopped, so alerts tail stops too; the runtime removes its temporary queue and subscription');
  } finally {
    stop.dispose();
    // Clean up even after an error, and say so if cleanup itself fails (the user may want to remove it);
    // a stopped runtime removes them itself (functions/local/tail-leftovers.ts).
    if (!runtimeGone) await removeTail(api, subscriptionId, () => deleteQueue(client, sqs, queue.url), queue.url);
  }
}

async function removeTail(api: ApiClient, subscriptionId: string | undefined, deleteTailQueue: () => Promise<unknown>, queueUrl: string) {
  if (subscriptionId)
    await api
      .request('DELETE', `/subscriptions/${subscriptionId}`)
      .catch((e: Error) => process.stderr.write(`newswatch: could not remove subscription ${subscriptionId}: ${e.message}\n`));
  await deleteTailQueue().catch((e: Error) => process.stderr.write(`newswatch: could not delete queue ${queueUrl}: ${e.message}\n`));
}

/** Why tail needs a running local runtime (or a queue of one's own), naming both ways out. */
function noLocalRuntime(runtime: RuntimeInfo | undefined): UsageError {
  const why = runtime ? 'the API given is not the running local runtime' : `no local runtime is running (no ${runtimeFileSought()})`;
  return new UsageError(`alerts tail: ${why}`, [
    'start it with `npm start` in another terminal, then run `npx newswatch alerts tail` again;',
    'against a deployed stack, subscribe a queue of yours (newswatch subscribe --sqs ARN …) and pass --queue-url',
  ]);
}

/** The SNS/SQS stand-in refused the connection: the local runtime has stopped. */
function isRefused(error: unknown): boolean {
  const e = error as { code?: string; message?: string; cause?: { code?: string } };
  return e.code === 'ECONNREFUSED' || e.cause?.code === 'ECONNREFUSED' || /ECONNREFUSED/.test(e.message ?? '');
}

/** An SDK failure as a short reason with a hint (a recognised, permanent one has no "name: message" form). */
export function sqsProblem(error: unknown): string {
  const e = error as { name?: string; code?: string; message?: string };
  if (e.code === 'ECONNREFUSED' || /ECONNREFUSED/.test(e.message ?? '')) return 'connection refused — is `npm start` running?';
  if (e.name === 'AWS.SimpleQueueService.NonExistentQueue' || e.name === 'QueueDoesNotExist') return 'no such queue — check --queue-url';
  if (e.name === 'CredentialsProviderError') return `no AWS credentials (${e.message ?? ''}) — configure them (aws configure, AWS_PROFILE)`;
  return `${e.name ?? 'error'}: ${e.message ?? String(error)}`;
}

async function tailExistingQueue(queueUrl: string, options: TailOptions): Promise<void> {
  if (options.person || options.topic) {
    throw new UsageError("--person/--topic: with --queue-url the queue's own subscription decides which alerts arrive");
  }
  // --queue-url is an http(s) URL: its option parser (sqsQueueUrl) refused any other.
  const settings = settingsForQueueUrl(queueUrl, options.region);
  if (!settings.region) throw new UsageError('--region: cannot tell the region from --queue-url; pass --region');
  const { client, sqs } = await sqsClient(settings);
  const stop = stopOnSignal();
  try {
    process.stderr.write(`tailing ${queueUrl}${options.keep ? '' : ' (messages are deleted once printed)'}; Ctrl-C to stop\n`);
    // Deleted at once after printing, so a short visibility timeout costs nothing; it bounds how long a
    // tail stopped mid-poll can hide the next alert from the next tail (SQS's default is 30 s).
    await followQueue(alertQueue(client, sqs, queueUrl, tailReceiveSettings(options)), {
      signal: stop.signal,
      onAlert: printer(options.json),
      ...(options.keep && { keep: true }),
      ...(options.max && { max: options.max }),
      isPermanent: (error) => !sqsProblem(error).includes(': '),
    });
  } catch (error) {
    throw new CliError(`cannot read ${queueUrl}: ${sqsProblem(error)}`);
  } finally {
    stop.dispose();
  }
}
