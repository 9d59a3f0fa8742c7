import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { InvalidArgumentError, type Command } from 'commander';

/**
 * `newswatch serve` — what `npm start` runs: the whole pipeline on this machine (functions/local/).
 * The runtime and the Lambda handlers it hosts pull in the AWS SDK, Powertools and the stand-ins; they
 * are bundled separately (once, cached like the CLI bundle) so that other commands such as `tag` never
 * pay for loading them.
 */
function portOption(name: string) {
  return (value: string): number => {
    const port = Number(value);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError(`${name} must be a port number 0-65535`);
    return port;
  };
}

function repositoryRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (dir !== dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === 'newswatch') return dir;
    dir = dirname(dir);
  }
  throw new Error('cannot find the newswatch repository root');
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

async function loadLocalRuntime(root: string): Promise<typeof import('../../local/serve')> {
  const outFile = join(root, 'node_modules', '.cache', 'newswatch', 'local-runtime.mjs');
  const fresh = existsSync(outFile) && statSync(outFile).mtimeMs >= newestMtime(join(root, 'functions'));
  if (!fresh) {
    const { build } = await import('esbuild');
    mkdirSync(dirname(outFile), { recursive: true });
    const tmp = `${outFile}.${process.pid}.tmp`;
    await build({
      entryPoints: [join(root, 'functions', 'local', 'serve.ts')],
      outfile: tmp,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      sourcemap: 'inline',
      logLevel: 'error',
    });
    renameSync(tmp, outFile);
  }
  return import(pathToFileURL(outFile).href);
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Run the whole pipeline on this machine: HTTP API, DynamoDB and SNS/SQS stand-ins, alerts (Ctrl-C stops it)')
    .option('--port <port>', 'HTTP API port (env PORT)', portOption('--port'), Number(process.env.PORT || 3000))
    .option('--sns-port <port>', 'SNS/SQS endpoint port (env NEWSWATCH_SNS_PORT)', portOption('--sns-port'), Number(process.env.NEWSWATCH_SNS_PORT || 4566))
    .option('--dynamodb-port <port>', 'DynamoDB endpoint port (env NEWSWATCH_DYNAMODB_PORT; default any free port)', portOption('--dynamodb-port'), Number(process.env.NEWSWATCH_DYNAMODB_PORT || 0))
    .option('--data-dir <dir>', 'where data is kept (env NEWSWATCH_DATA_DIR)', process.env.NEWSWATCH_DATA_DIR || '.newswatch')
    .addHelpText('after', '\nThe API key is NEWSWATCH_API_KEY when set (at least 16 characters), else generated and printed once.')
    .action(async (opts: { port: number; snsPort: number; dynamodbPort: number; dataDir: string }) => {
      const invalid = [['PORT', opts.port], ['NEWSWATCH_SNS_PORT', opts.snsPort], ['NEWSWATCH_DYNAMODB_PORT', opts.dynamodbPort]].find(([, p]) => !Number.isInteger(p) || (p as number) < 0 || (p as number) > 65535);
      if (invalid) {
        console.error(`newswatch: ${invalid[0]} must be a port number 0-65535`);
        process.exit(2);
      }
      let local: typeof import('../../local/serve');
      try {
        local = await loadLocalRuntime(repositoryRoot());
      } catch (err) {
        console.error(`newswatch: cannot load the local runtime (${(err as Error).message.split('\n')[0]}); run "npm ci" first`);
        process.exit(1);
      }
      await local.runServe({
        port: opts.port,
        snsPort: opts.snsPort,
        dynamodbPort: opts.dynamodbPort,
        dataDir: resolve(opts.dataDir),
        apiKey: process.env.NEWSWATCH_API_KEY || undefined,
      });
    });
}
