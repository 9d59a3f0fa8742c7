import { switchSetting } from '../core/text/switch-setting';

/**
 * Start-up problems a user can fix. `newswatch serve` prints their message as one line on stderr and
 * exits non-zero; anything else is a bug and keeps its stack trace.
 */
export class StartupError extends Error {
  override readonly name: string = 'StartupError';
}

export class PortInUse extends StartupError {
  constructor(what: string, port: number, envName?: string) {
    super(
      `port ${port} (${what}) is already in use on 127.0.0.1` +
        (envName ? `; stop the other process or choose another port with ${envName}=...` : ''),
    );
  }
}

export class MissingDependency extends StartupError {
  constructor(pkg: string) {
    super(`the package "${pkg}" is not installed; run "npm ci" in the repository first`);
  }
}

/** A file in the data folder is not what newswatch wrote: the message says which and how (no folder path). */
export class DataDamage extends Error {
  override readonly name: string = 'DataDamage';
}

/**
 * The data folder is damaged: named, refused, nothing deleted. Moving it aside keeps every byte for a
 * later look (or a restore) and lets the next start begin afresh.
 */
export class DamagedDataFolder extends StartupError {
  constructor(dataDir: string, what: string) {
    const folder = dataDir.replace(/\/+$/, '');
    super(
      `the data folder ${folder}/ is damaged (${what}); move it aside (mv ${folder} ${folder}.damaged) to start fresh, or restore a backup`,
    );
  }
}

/** Maps a listen() failure to a clear StartupError. */
export function listenError(err: unknown, what: string, port: number, envName?: string): Error {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'EADDRINUSE') return new PortInUse(what, port, envName);
  if (code === 'EACCES') return new StartupError(`not allowed to listen on port ${port} (${what})`);
  return err as Error;
}

/** Whether NEWSWATCH_DEBUG asks for the stack trace under a start-up error's line. */
export const debugStartup = () => switchSetting('NEWSWATCH_DEBUG', process.env.NEWSWATCH_DEBUG, false);
