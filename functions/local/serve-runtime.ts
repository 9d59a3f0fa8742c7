/**
 * `newswatch serve` (what `npm start` runs): start the local runtime, print where everything is, write
 * .newswatch/runtime.json for the CLI, and stop cleanly on Ctrl-C. Problems a user can fix are one
 * line on stderr and exit 1; NEWSWATCH_DEBUG=1 adds the stack trace.
 */
import { SHORT_CUSTOM_KEY_LENGTH } from '../core/api-key-format';
import { type DataPaths, dataPaths } from './data-folder';
import { debugStartup, StartupError } from './startup-errors';
import { removeRuntimeFile, writeRuntimeFile } from './runtime-file';
import { startLocalRuntime, type LocalRuntime } from './runtime';

export interface ServeOptions {
  port: number;
  snsPort: number;
  dynamodbPort?: number;
  dataDir: string;
  apiKey?: string;
}

/** A second stop signal within this long of the first is the same Ctrl-C, not a request to force. */
const REPEAT_SIGNAL_GRACE_MS = 2_000;

/** Nothing once the reader of stdout (or stderr, for complain) has closed it (`npm start | head -6`): the runtime keeps serving. */
const say = (line: string) => {
  if (!process.stdout.destroyed) process.stdout.write(`${line}\n`);
};
const complain = (line: string) => {
  if (!process.stderr.destroyed) process.stderr.write(`${line}\n`);
};

function explain(err: unknown): string {
  if (err instanceof StartupError) return err.message;
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
    return `a dependency is missing (${(err as Error).message.split('\n')[0]}); run "npm ci" first`;
  }
  return `could not start: ${(err as Error)?.message ?? String(err)}`;
}

/** NEWSWATCH_DEBUG as it is set; one that is no on/off value was the start-up error itself, told in one line. */
function wantsStack(): boolean {
  try {
    return debugStartup();
  } catch {
    return false;
  }
}

function announce(runtime: LocalRuntime, paths: DataPaths): void {
  say(`newswatch: DynamoDB (dynalite) ${runtime.dynamodbEndpoint}, table ${runtime.tableName}, data in ${paths.dynamodb}`);
  say(`newswatch: SNS/SQS (fauxqs) ${runtime.snsEndpoint}, region ${runtime.region}, any credentials`);
  say(`newswatch: alerts topic ${runtime.topicArn}; stream dead-letter queue ${runtime.deadLetterQueueUrl}`);
  if (runtime.apiKeyGenerated)
    say(`newswatch: API key (admin, new each start; set NEWSWATCH_API_KEY to choose your own): ${runtime.apiKey}`);
  else say(`newswatch: API key: the one in NEWSWATCH_API_KEY (${runtime.apiKeyScopes.join(', ')})`);
  if (!runtime.apiKeyGenerated && runtime.apiKey.length < SHORT_CUSTOM_KEY_LENGTH) {
    complain(
      `newswatch: warning: NEWSWATCH_API_KEY has ${runtime.apiKey.length} characters; taken, as the API listens on 127.0.0.1 only, but ${SHORT_CUSTOM_KEY_LENGTH} or more are harder to guess on a shared machine`,
    );
  }
  say(`newswatch: CLI settings in ${paths.runtimeFile}`);
}

export async function runServe(options: ServeOptions): Promise<void> {
  // The SDK's multi-line "Node 20 support ends in 2027" notice would bury the start-up lines; the
  // project supports Node 20 today (package.json engines). Users can still opt back in.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const paths = dataPaths(options.dataDir);
  let runtime: LocalRuntime;
  try {
    runtime = await startLocalRuntime({
      dataDir: options.dataDir,
      port: options.port,
      snsPort: options.snsPort,
      dynamodbPort: options.dynamodbPort,
      apiKey: options.apiKey,
    });
  } catch (err) {
    complain(`newswatch: ${explain(err)}`);
    if (wantsStack()) complain((err as Error)?.stack ?? '');
    process.exit(1);
  }
  let stoppingSince: number | undefined;
  const stop = async (signal: string) => {
    if (stoppingSince !== undefined) {
      // Under `npm start` one Ctrl-C arrives twice: from the terminal and forwarded by npm. Only a
      // later, deliberate second Ctrl-C forces the exit.
      if (Date.now() - stoppingSince < REPEAT_SIGNAL_GRACE_MS) return;
      complain('newswatch: stopping immediately');
      process.exit(130);
    }
    stoppingSince = Date.now();
    complain(`newswatch: ${signal} received, stopping (Ctrl-C again to force)`);
    try {
      await runtime.stop();
      removeRuntimeFile(paths.runtimeFile);
      process.exit(0);
    } catch (err) {
      complain(`newswatch: stopped with an error: ${(err as Error).message}`);
      process.exit(1);
    }
  };
  // Listening before the ready line: whoever reads it may stop us at once (a signal that came before
  // the handlers would kill the process without stopping the runtime).
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  // The terminal closed: stop as on Ctrl-C (its writes to the gone terminal are dropped: closed-pipe.ts).
  process.on('SIGHUP', () => void stop('SIGHUP'));
  writeRuntimeFile(paths.runtimeFile, runtime);
  announce(runtime, paths);
  say(`newswatch ready on ${runtime.apiUrl}`);
}
