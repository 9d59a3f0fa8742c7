import { resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { wholeNumberBetween, wholeNumberForm } from '../../core/text/decimal-integer';
import { onClosedPipe } from '../support/closed-pipe';
import { dataFolder, DEFAULT_SNS_PORT } from '../support/connection';
import { useSmallInliningBudget } from '../support/inlining-budget';
import { loadIsolated } from '../support/isolated-module';
import { portClash } from '../support/port-clash';

const MAX_PORT = 65_535;
const PORT_FORM = `a port number, ${wholeNumberForm(0, MAX_PORT)}`;

/** A port as written in decimal digits (else undefined): Number would take PORT=0xCE5 or 3.3e3 for a port nobody typed. */
function portNumber(text: string): number | undefined {
  return wholeNumberBetween(text, 0, MAX_PORT, 5);
}

function portOption(name: string) {
  return (value: string): number => {
    const port = portNumber(value);
    if (port === undefined) throw new InvalidArgumentError(`${name} must be ${PORT_FORM}`);
    return port;
  };
}

/**
 * `--data-dir "$DIR"` with DIR unset: an empty name resolves to the current folder, which would then
 * get the runtime's dynamodb/, sns/, stream/ and runtime.json among the user's own files.
 */
function folderOption(value: string): string {
  if (value.trim() === '') throw new InvalidArgumentError('no folder given (an empty value would keep the data in the current folder).');
  return value;
}

/**
 * `newswatch serve` — what `npm start` runs: the whole pipeline on this machine (functions/local/).
 * The runtime and the Lambda handlers it hosts pull in the AWS SDK, Powertools and the stand-ins; they
 * are loaded as an isolated bundle (see loadIsolated) so that other commands such as `tag` never pay
 * for loading them.
 */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Run the whole pipeline on this machine: HTTP API, DynamoDB and SNS/SQS stand-ins, alerts (Ctrl-C stops it)')
    .option('--port <port>', 'HTTP API port (env PORT)', portOption('--port'), portNumber(process.env.PORT || '3000'))
    .option(
      '--sns-port <port>',
      'SNS/SQS endpoint port (env NEWSWATCH_SNS_PORT)',
      portOption('--sns-port'),
      portNumber(process.env.NEWSWATCH_SNS_PORT || String(DEFAULT_SNS_PORT)),
    )
    .option(
      '--dynamodb-port <port>',
      'DynamoDB endpoint port (env NEWSWATCH_DYNAMODB_PORT; 0 picks any free port)',
      portOption('--dynamodb-port'),
      portNumber(process.env.NEWSWATCH_DYNAMODB_PORT || '0'),
    )
    .option('--data-dir <dir>', 'where data is kept (env NEWSWATCH_DATA_DIR)', folderOption, dataFolder())
    .addHelpText(
      'after',
      '\nThe API key is NEWSWATCH_API_KEY when set (16 characters or more advised; a shorter one is taken with a warning), else generated anew each start, printed and kept in runtime.json while the runtime runs.',
    )
    .action(async (opts: { port?: number; snsPort?: number; dynamodbPort?: number; dataDir: string }) => {
      const { port, snsPort, dynamodbPort } = opts;
      // Only an environment variable gets here (a bad --port is commander's usage error, exit 2): a bad
      // setting, which exits 1 like a bad NEWSWATCH_DAILY_DIGEST_HOUR.
      if (port === undefined || snsPort === undefined || dynamodbPort === undefined) {
        const name = port === undefined ? 'PORT' : snsPort === undefined ? 'NEWSWATCH_SNS_PORT' : 'NEWSWATCH_DYNAMODB_PORT';
        console.error(`newswatch: ${name} must be ${PORT_FORM}, not "${process.env[name]}"`);
        process.exit(1);
      }
      const clash = portClash({
        'PORT (--port)': port,
        'NEWSWATCH_SNS_PORT (--sns-port)': snsPort,
        'NEWSWATCH_DYNAMODB_PORT (--dynamodb-port)': dynamodbPort,
      });
      if (clash) {
        console.error(`newswatch: ${clash}`);
        process.exit(1);
      }
      // Replaces the program's `exit` on stdout. `npm start 2>&1 | head`: the stop's own line goes to
      // stderr, whose EPIPE would end the stop half-way.
      onClosedPipe(process.stdout, 'keep-running');
      onClosedPipe(process.stderr, 'keep-running');
      // Before the runtime loads: its code turns hot over the first thousands of requests, and every
      // optimising compile is paid for on V8's background threads (support/inlining-budget.ts).
      useSmallInliningBudget();
      let local: typeof import('../../local/serve-runtime');
      try {
        local = await loadIsolated<typeof import('../../local/serve-runtime')>('local/serve-runtime.ts');
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        const missing = code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
        // A module may also refuse a bad setting as it loads (ALERT_CLAIM_LEASE_SECONDS): that is no missing install.
        console.error(
          missing
            ? `newswatch: cannot load the local runtime (${(err as Error).message.split('\n')[0]}); run "npm ci" first`
            : `newswatch: could not start: ${(err as Error).message.split('\n')[0]}`,
        );
        process.exit(1);
      }
      await local.runServe({
        port,
        snsPort,
        dynamodbPort,
        dataDir: resolve(opts.dataDir),
        apiKey: process.env.NEWSWATCH_API_KEY || undefined,
      });
    });
}
