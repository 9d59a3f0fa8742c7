/**
 * dynalite's HTTP server on 127.0.0.1 with its LevelDB data in a folder. No AWS SDK here: this module
 * also runs in the DynamoDB stand-in's own thread (dynamo-worker.ts), which must start fast.
 */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Server } from 'node:http';
import { listenError, MissingDependency } from '../startup-errors';
import { installExpressionCache } from './expression-cache';
import { installSyncReads } from './sync-reads';
import { installTableCache } from './table-cache';
import { installTypeChecks } from './type-checks';

const require = createRequire(import.meta.url);

export interface DynaliteServer {
  host: string;
  port: number;
  close(): Promise<void>;
}

function loadDynalite(): (options: Record<string, unknown>) => Server {
  try {
    return require('dynalite');
  } catch {
    throw new MissingDependency('dynalite');
  }
}

/**
 * Synchronous item reads, kept condition parses and compiled type checks (sync-reads.ts,
 * expression-cache.ts, type-checks.ts): the same
 * answers for less CPU. `NEWSWATCH_DYNAMO_SHORTCUTS=off` leaves dynalite as it comes (a measuring
 * switch for `bench:pipeline`'s `BENCH_SHORTCUTS_AB`); it acts on the first store a thread starts.
 */
const dynaliteShortcuts = () => process.env.NEWSWATCH_DYNAMO_SHORTCUTS !== 'off';

/** Starts dynalite on 127.0.0.1:`port`; `prepare` may wrap its request handler before it listens. */
export async function listenDynalite(
  dataDir: string,
  port: number,
  prepare: (server: Server) => void = () => undefined,
): Promise<DynaliteServer> {
  const dynalite = loadDynalite();
  installTableCache();
  if (dynaliteShortcuts()) {
    installSyncReads();
    installExpressionCache();
    installTypeChecks();
  }
  mkdirSync(dataDir, { recursive: true });
  const server = dynalite({ path: dataDir, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  prepare(server);
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err) => reject(listenError(err, 'DynamoDB endpoint', port, 'NEWSWATCH_DYNAMODB_PORT')));
    server.listen(port, '127.0.0.1', resolve);
  });
  const address = server.address();
  return {
    host: '127.0.0.1',
    port: typeof address === 'object' && address ? address.port : port,
    // dynalite closes its LevelDB store when its server closes, which frees the data folder's lock.
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
