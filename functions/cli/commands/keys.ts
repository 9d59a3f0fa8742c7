import { InvalidArgumentError, type Command } from 'commander';
import { ApiKeyLabel, ApiKeyScope, isKeyId, LOCAL_RUNTIME_KEY_LABEL, MAX_API_KEY_LABEL_LENGTH } from '../../core/api-keys';
import type * as KeyStore from '../operator/key-store';
import type { KeyTarget } from '../operator/key-store';
import { readRuntimeInfo, runtimeFilePath, type RuntimeInfo } from '../support/connection';
import { CliError, runAction, UsageError } from '../support/cli-errors';
import { loadIsolated } from '../support/isolated-module';
import { nonEmpty } from '../support/options';
import { renderTable } from '../support/output';
import { DEFAULT_REGION } from '../../core/aws-region';

/**
 * keys create / list / revoke: operator commands that write API key records straight into the table
 * (there is no API route for minting keys: whoever can mint keys could grant themselves anything).
 * Locally the table is the running runtime's (from runtime.json); on AWS, the deployed table
 * (`--table`, NEWSWATCH_TABLE) with the operator's own AWS credentials and region.
 */
interface TargetOptions {
  local?: boolean;
  table?: string;
  region?: string;
  endpoint?: string;
}

function addTargetOptions(command: Command): Command {
  return command
    .option('--local', "use the running local runtime's table (the default when no --table is given)")
    .option('--table <name>', 'the deployed table name, from the stack output (env NEWSWATCH_TABLE); uses your AWS credentials', nonEmpty)
    .option('--region <region>', 'AWS region of --table (default: AWS_REGION / your AWS profile)', nonEmpty)
    .option('--endpoint <url>', 'a DynamoDB endpoint other than AWS (advanced)', nonEmpty);
}

function parseScope(value: string, previous: ApiKeyScope[] = []): ApiKeyScope[] {
  const scopes = value.split(',').map((s) => s.trim());
  for (const scope of scopes) {
    if (!ApiKeyScope.safeParse(scope).success) throw new InvalidArgumentError(`"${scope}" is not a scope (ingest, read or admin).`);
  }
  return [...new Set([...previous, ...(scopes as ApiKeyScope[])])];
}

/** `--label`, trimmed, by the rule the key store applies (one line, not empty, at most MAX_API_KEY_LABEL_LENGTH characters). */
export function parseLabel(value: string): string {
  const parsed = ApiKeyLabel.safeParse(value);
  if (!parsed.success) throw new InvalidArgumentError(`${parsed.error.issues[0]?.message ?? 'not a label'}.`);
  if (parsed.data.toLowerCase() === LOCAL_RUNTIME_KEY_LABEL)
    throw new InvalidArgumentError(
      `"${LOCAL_RUNTIME_KEY_LABEL}" is kept for the key npm start registers (each start withdraws those): choose another.`,
    );
  return parsed.data;
}

/** A `<keyId>` argument, checked before any table is reached (an empty one was sent to DynamoDB, which refused it). */
export function parseKeyId(value: string): string {
  if (!isKeyId(value))
    throw new InvalidArgumentError(`"${value}" is not a key id (12 lowercase letters and digits, as \`keys list\` shows it).`);
  return value;
}

/** Which table to write to, and how to reach it; explains what is missing (exit 2). */
export function resolveKeyTarget(
  options: TargetOptions,
  env: Record<string, string | undefined>,
  runtime: RuntimeInfo | undefined,
): KeyTarget {
  const table = options.table ?? env.NEWSWATCH_TABLE;
  if (options.local && options.table) throw new UsageError('--local and --table: give one or the other');
  if (table && !options.local) {
    return { tableName: table, ...(options.region && { region: options.region }), ...(options.endpoint && { endpoint: options.endpoint }) };
  }
  // The local runtime's table has its own endpoint and region: one given here was meant for another table.
  for (const [option, value] of [
    ['--endpoint', options.endpoint],
    ['--region', options.region],
  ] as const) {
    if (value)
      throw new UsageError(`${option}: only with --table NAME (or NEWSWATCH_TABLE); without one the local runtime's table is used`);
  }
  if (!runtime?.tableName || !runtime.dynamodbEndpoint) {
    throw new UsageError(options.local ? '--local: no local runtime found' : '--table: no table given and no local runtime found', [
      `the local runtime writes ${runtimeFilePath(env)} while \`npm start\` runs;`,
      'for a deployed stack pass --table NAME (its stack output) or set NEWSWATCH_TABLE',
    ]);
  }
  return {
    tableName: runtime.tableName,
    region: runtime.region ?? DEFAULT_REGION,
    endpoint: runtime.dynamodbEndpoint,
    dummyCredentials: true,
  };
}

export function registerKeys(program: Command): void {
  const keys = program.command('keys').description('Mint, list and revoke API keys (operators: writes to the table directly)');

  addTargetOptions(
    keys
      .command('create')
      .description('Mint an API key; it is printed once, on stdout, and cannot be shown again')
      .requiredOption('--scope <scopes...>', 'ingest, read and/or admin (repeatable; admin can do everything)', parseScope)
      .option(
        '--label <text>',
        `a note to recognise the key by in \`keys list\` (one line, at most ${MAX_API_KEY_LABEL_LENGTH} characters)`,
        parseLabel,
      )
      .option('--json', 'print {"keyId", "key", "scopes"} as JSON'),
  )
    .addHelpText(
      'after',
      `
Examples:
  newswatch keys create --scope ingest                      # local runtime
  export NEWSWATCH_API_KEY=$(newswatch keys create --scope ingest --scope read --table <TableName output>)`,
    )
    .action(runAction(create));

  addTargetOptions(
    keys.command('list').description('List API keys (ids, scopes, status; never the keys)').option('--json', 'print JSON'),
  ).action(runAction(list));

  addTargetOptions(
    keys
      .command('revoke')
      .description('Revoke an API key by its id (takes effect within the authorizer cache time)')
      .argument('<keyId>', 'key id, as `keys list` shows it', parseKeyId),
  ).action(runAction(revoke));
}

const store = () => loadIsolated<typeof KeyStore>('cli/operator/key-store.ts');

async function create(options: TargetOptions & { scope: ApiKeyScope[]; label?: string; json?: boolean }): Promise<void> {
  const target = targetFrom(options);
  const created = await withTableErrors(target, async () => (await store()).createKey(target, options.scope, options.label));
  // The key goes to stdout alone (so `$(newswatch keys create …)` captures just it); the warning to stderr.
  process.stdout.write(options.json ? `${JSON.stringify(created)}\n` : `${created.key}\n`);
  process.stderr.write(
    `Created API key ${created.keyId} (scopes: ${created.scopes.join(', ')}) in table ${target.tableName}.\n` +
      'Store it now: it is shown only this once and cannot be shown again (only its hash is kept).\n',
  );
}

async function list(options: TargetOptions & { json?: boolean }): Promise<void> {
  const target = targetFrom(options);
  const keys = await withTableErrors(target, async () => (await store()).listKeys(target));
  if (options.json) {
    process.stdout.write(`${JSON.stringify(keys)}\n`);
    return;
  }
  const rows = keys.map((k) => [
    k.keyId,
    k.scopes.join(','),
    k.createdAt,
    k.revokedAt ? `revoked ${k.revokedAt}` : 'active',
    k.label ?? '',
  ]);
  process.stdout.write(keys.length ? `${renderTable(['KEY ID', 'SCOPES', 'CREATED', 'STATUS', 'LABEL'], rows)}\n` : 'no API keys\n');
}

async function revoke(keyId: string, options: TargetOptions): Promise<void> {
  const target = targetFrom(options);
  const found = await withTableErrors(target, async () => (await store()).revokeKey(target, keyId));
  if (!found) throw new CliError(`no API key with id ${keyId} in table ${target.tableName} (see \`newswatch keys list\`)`);
  process.stdout.write(`revoked ${keyId}\n`);
}

function targetFrom(options: TargetOptions): KeyTarget {
  return resolveKeyTarget(options, process.env, readRuntimeInfo(runtimeFilePath()));
}

/** SDK failures as one line with what to do about them. */
async function withTableErrors<T>(target: KeyTarget, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw new CliError(describeTableError(error, target));
  }
}

export function describeTableError(error: unknown, target: KeyTarget): string {
  const e = error as { name?: string; code?: string; message?: string };
  const text = `${e.name ?? ''} ${e.code ?? ''} ${e.message ?? ''}`;
  if (/ECONNREFUSED/.test(text))
    return `cannot reach the DynamoDB endpoint ${target.endpoint ?? ''} (connection refused) — is \`npm start\` running?`;
  if (e.name === 'ResourceNotFoundException')
    return `table ${target.tableName} not found${target.region ? ` in ${target.region}` : ''} — check --table and --region`;
  if (e.name === 'CredentialsProviderError' || /credentials/i.test(e.message ?? ''))
    return `no AWS credentials: ${e.message ?? ''} — configure them (aws configure, AWS_PROFILE) or use --local`;
  if (/Region is missing/i.test(e.message ?? '')) return 'no AWS region: pass --region or set AWS_REGION';
  if (e.name === 'AccessDeniedException')
    return `access denied to table ${target.tableName}: your AWS identity needs dynamodb:PutItem/Query/UpdateItem on it`;
  return `table ${target.tableName}: ${e.name ?? 'error'}: ${e.message ?? String(error)}`;
}
