import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { Command } from 'commander';
import { PartialRuntimeInfo } from '../../core/runtime-info';
import { UsageError } from './cli-errors';
import { createApiClient, isLocalUrl, type ApiClient, type ApiClientOptions } from './http-client';
import { DEFAULT_REGION, localRegion } from '../../core/aws-region';

/**
 * How a command finds the API: `--url` / NEWSWATCH_URL, else the running local runtime's
 * `.newswatch/runtime.json`, else http://127.0.0.1:3000. The key: `--api-key` / NEWSWATCH_API_KEY, else
 * the local runtime's key — but only when talking to that same local runtime, so a local key is never
 * sent to some other server.
 */
export const DEFAULT_URL = 'http://127.0.0.1:3000';

/** The local runtime's data folder when NEWSWATCH_DATA_DIR does not name one. */
const DEFAULT_DATA_DIR = '.newswatch';

/**
 * The local runtime's data folder as the environment sets it, for `newswatch serve` (its --data-dir default)
 * and for the commands that look for its runtime.json alike: NEWSWATCH_DATA_DIR (set but empty is unset), else
 * `.newswatch`; a relative one is relative to the folder serve runs in.
 */
export function dataFolder(env: Env = process.env): string {
  return env.NEWSWATCH_DATA_DIR || DEFAULT_DATA_DIR;
}

/** Where the CLI looked for runtime.json, as runtimeFilePath looks: said so a setting that moved it is seen. */
export function runtimeFileSought(env: Env = process.env): string {
  if (env.NEWSWATCH_RUNTIME_FILE) return `${env.NEWSWATCH_RUNTIME_FILE}, the file NEWSWATCH_RUNTIME_FILE names`;
  const dataDir = dataFolder(env).replace(/\/+$/, '');
  if (isAbsolute(dataDir)) return `${dataDir}/runtime.json, in the folder NEWSWATCH_DATA_DIR names`;
  return `${dataDir}/runtime.json here or in any folder above`;
}

export type RuntimeInfo = PartialRuntimeInfo;

export interface ConnectionOptions {
  url?: string;
  apiKey?: string;
}

export interface Connection {
  url: string;
  apiKey?: string;
  /** The runtime.json in effect when the URL is the local runtime's (else undefined). */
  runtime?: RuntimeInfo;
}

type Env = Record<string, string | undefined>;

/**
 * `runtime.json` in the runtime's data folder (dataFolder), in the current directory or the nearest folder
 * above it that has one (so the CLI works from `examples/` or any subfolder of the checkout, as git does).
 * NEWSWATCH_RUNTIME_FILE names the file itself. When no folder has one, the path in the current directory
 * (for messages).
 */
export function runtimeFilePath(
  env: Env = process.env,
  cwd: string = process.cwd(),
  exists: (path: string) => boolean = existsSync,
): string {
  if (env.NEWSWATCH_RUNTIME_FILE) return env.NEWSWATCH_RUNTIME_FILE;
  const inFolder = (folder: string) => resolve(folder, dataFolder(env), 'runtime.json');
  for (let folder = resolve(cwd); ; folder = dirname(folder)) {
    if (exists(inFolder(folder))) return inFolder(folder);
    if (dirname(folder) === folder) return inFolder(cwd);
  }
}

/** The local runtime's details, or undefined when it is not running (no file) or the file is unreadable. */
export function readRuntimeInfo(path: string): RuntimeInfo | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed = PartialRuntimeInfo.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function resolveConnection(options: ConnectionOptions, env: Env, runtime: RuntimeInfo | undefined): Connection {
  // A variable set to nothing (`export NEWSWATCH_API_KEY=` to clear it) is unset, as `newswatch serve` reads
  // it; an empty --url or --api-key flag is refused below.
  const envUrl = env.NEWSWATCH_URL || undefined;
  const url = options.url ?? envUrl ?? runtime?.apiUrl ?? DEFAULT_URL;
  const flag = options.url !== undefined ? '--url' : envUrl !== undefined ? 'NEWSWATCH_URL' : 'runtime.json apiUrl';
  if (!isHttpUrl(url)) throw new UsageError(`${flag}: "${url}" is not an http(s) URL`);
  const local = runtime?.apiUrl !== undefined && sameOrigin(url, runtime.apiUrl) ? runtime : undefined;
  const apiKey = options.apiKey ?? (env.NEWSWATCH_API_KEY || undefined) ?? local?.apiKey;
  if (options.apiKey !== undefined && options.apiKey.trim() === '') throw new UsageError('--api-key: must not be empty');
  return { url, apiKey, runtime: local };
}

/** The port `newswatch serve` gives the SNS/SQS stand-in unless told another (NEWSWATCH_SNS_PORT, --sns-port). */
export const DEFAULT_SNS_PORT = 4566;

/** Where a local runtime's SNS/SQS stand-in is, and the region it answers in. */
export interface LocalStandin {
  endpoint: string;
  region: string;
  /** True when no runtime.json named it: it is where `serve` starts it unless told otherwise. */
  assumed: boolean;
}

/**
 * The SNS/SQS stand-in of the local runtime at `connection.url`: as its runtime.json says, or, when this
 * command finds none for that URL (the runtime keeps its data in another folder, or this command runs in
 * another directory), where `serve` starts it — NEWSWATCH_SNS_PORT if set here too, else port 4566.
 * Undefined when the API is not local.
 */
export function localStandin(connection: Connection, env: Env = process.env): LocalStandin | undefined {
  const runtime = connection.runtime;
  if (runtime?.sqsEndpoint) return { endpoint: runtime.sqsEndpoint, region: runtime.region ?? DEFAULT_REGION, assumed: false };
  if (!isLocalUrl(connection.url)) return undefined;
  const port = env.NEWSWATCH_SNS_PORT || String(DEFAULT_SNS_PORT);
  if (!/^\d{1,5}$/.test(port)) throw new UsageError(`NEWSWATCH_SNS_PORT: "${port}" is not a port number`);
  return { endpoint: `http://127.0.0.1:${port}`, region: localRegion(env), assumed: true };
}

/** Adds --url and --api-key to a command (each remote command takes them, after its own options). */
export function addConnectionOptions(command: Command): Command {
  return command
    .option('--url <url>', `API base URL (env NEWSWATCH_URL; default: the running local runtime, else ${DEFAULT_URL})`)
    .option('--api-key <key>', "API key (env NEWSWATCH_API_KEY, preferred: a flag shows up in `ps`; default: the local runtime's key)");
}

/** Resolves the connection from a command's options and returns a client; fails with exit 2 if no key is known. */
export function connect(options: ConnectionOptions, extra: Partial<ApiClientOptions> = {}): { client: ApiClient; connection: Connection } {
  const runtime = readRuntimeInfo(runtimeFilePath());
  const connection = resolveConnection(options, process.env, runtime);
  if (!connection.apiKey) throw missingKeyError(connection.url, runtime);
  return { client: createApiClient({ baseUrl: connection.url, apiKey: connection.apiKey, ...extra }), connection };
}

/** Why no key is known for `url`, and what to do: start the runtime, drop a wrong --url, or give a key. */
export function missingKeyError(url: string, runtime: RuntimeInfo | undefined, env: Env = process.env): UsageError {
  if (runtime === undefined && isLocalUrl(url)) {
    return new UsageError(`no API key, and no local runtime found (no ${runtimeFileSought(env)})`, [
      'start it with `npm start` in another terminal, or pass --api-key / set NEWSWATCH_API_KEY',
    ]);
  }
  if (runtime?.apiUrl !== undefined && isLocalUrl(url)) {
    return new UsageError(`no API key for ${url}: the local runtime runs at ${runtime.apiUrl}, not there`, [
      'drop --url / NEWSWATCH_URL to use it (its key is sent to its own address only), or pass --api-key',
    ]);
  }
  return new UsageError('--api-key: no API key given', [
    'pass --api-key or set NEWSWATCH_API_KEY;',
    `against the local runtime the key is read from ${dataFolder(env)}/runtime.json while \`npm start\` runs`,
  ]);
}

function isHttpUrl(value: string): boolean {
  try {
    const protocol = new URL(value).protocol;
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

export function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}
