import type { Command } from 'commander';
import { addConnectionOptions, connect, type ConnectionOptions } from '../support/connection';
import { EXIT, runAction, UsageError } from '../support/cli-errors';
import { fileName, integerBetween, nonEmpty } from '../support/options';
import { formatEnd, formatHeader, formatStep, passed } from '../smoke/report';
import { runSmoke } from '../smoke/run-smoke';
import { smokeQueues } from '../smoke/smoke-queue';
import { readOutputsFile, smokeTarget } from '../smoke/target';
import { smokeIdentity } from '../smoke/test-article';

/** `smoke`: prove a running newswatch (deployed or `npm start`) end to end; exit 0 only when every step passed. */
interface SmokeOptions extends ConnectionOptions {
  outputs?: string;
  region?: string;
  timeout: number;
}

const DEFAULT_TIMEOUT_SECONDS = 90;

export function registerSmoke(program: Command): void {
  addConnectionOptions(
    program
      .command('smoke')
      .description('Prove a running newswatch end to end: a test article must reach a queue of its own as an alert')
      .option('--outputs <file>', 'read the API URL from a `cdk deploy --outputs-file` file instead of --url', fileName)
      .option('--region <region>', 'AWS region for the test queue (default: from the API URL)', nonEmpty)
      .option('--timeout <seconds>', 'give up after this long (cleanup still runs)', integerBetween(5, 900), DEFAULT_TIMEOUT_SECONDS),
  )
    .addHelpText(
      'after',
      `
Steps: key check, a made-up watchlist person, a queue of its own subscribed to that person only, a test
article naming them, the alert in the queue; then the queue, subscription and person are removed.
The test article is marked "test": it is never listed, expires within a day, and subscriptions that
follow every alert skip its alert. Against AWS the queue is created with your own AWS credentials.
Examples:
  newswatch smoke                                   # the local runtime (npm start)
  newswatch smoke --outputs cdk-outputs.json        # a deployed stack; key from NEWSWATCH_API_KEY`,
    )
    .action(runAction(smoke));
}

async function smoke(options: SmokeOptions): Promise<number> {
  if (options.outputs && options.url) throw new UsageError('--outputs: give either --outputs or --url, not both');
  const deployed = options.outputs ? readOutputsFile(options.outputs) : undefined;
  const { client, connection } = connect({ ...options, ...(deployed && { url: deployed.apiUrl }) });
  const target = smokeTarget(
    connection,
    { ...(options.region && { region: options.region }), ...(deployed?.topicArn && { topicArn: deployed.topicArn }) },
    process.env,
  );
  // Each line as it comes: a deployed run takes up to --timeout, and a silent one looks hung.
  process.stdout.write(formatHeader(target.label));
  const report = await runSmoke({
    api: client,
    queues: await smokeQueues(target),
    identity: smokeIdentity(),
    target: target.label,
    timeoutMs: options.timeout * 1_000,
    onStep: (step) => process.stdout.write(formatStep(step)),
  });
  process.stdout.write(formatEnd(report));
  return passed(report) ? EXIT.ok : EXIT.failure;
}
