/**
 * dynalite's HTTP server on 127.0.0.1 with its LevelDB data in a folder. No AWS SDK here: this module
 * also runs in the DynamoDB stand-in's own thread (dynamo-worker.ts), which must start fast.
 */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Server } from 'node:http';
import { listenError, MissingDependency } from '../startup-errors';
import { type DirectDynalite, installDirectDynalite, takeDirectDynalite } from './dynalite-direct';
import { installExpressionCache } from './expression-cache';
import { installSyncReads } from './sync-reads';
import { installTurnWrites } from './turn-writes';
import { installTableCache } from './table-cache';
import { installTypeChecks } from './type-checks';
import { switchSetting } from '../../core/text/switch-setting';

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
 * Synchronous item reads, a turn's writes in one LevelDB batch, kept condition parses, compiled type checks
 * and the runtime's own requests without the HTTP handler (sync-reads.ts, turn-writes.ts, expression-cache.ts,
 * type-checks.ts, dynalite-direct.ts): the same answers for less CPU. `NEWSWATCH_DYNAMO_SHORTCUTS=off` leaves dynalite as it comes (a measuring
 * switch for `bench:pipeline`'s `BENCH_SHORTCUTS_AB`); it acts on the first store a thread starts.
 */
export const dynaliteShortcuts = () => switchSetting('NEWSWATCH_DYNAMO_SHORTCUTS', process.env.NEWSWATCH_DYNAMO_SHORTCUTS, true);

/**
 * Starts dynalite on 127.0.0.1:`port`; `prepare` may wrap its request handler before it listens, and
 * gets the direct route to its operations for the runtime's own requests (dynalite-direct.ts; with the
 * shortcuts only).
 */
export async function listenDynalite(
  dataDir: string,
  port: number,
  prepare: (server: Server, direct?: DirectDynalite) => void = () => undefined,
): Promise<DynaliteServer> {
  const dynalite = loadDynalite();
  installTableCache();
  if (dynaliteShortcuts()) {
    installSyncReads();
    installTurnWrites();
    installExpressionCache();
    installTypeChecks();
    installDirectDynalite();
  }
  mkdirSync(dataDir, { recursive: true });
  const server = dynalite({ path: dataDir, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  prepare(server, dynaliteShortcuts() ? takeDirectDynalite() : undefined);
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
