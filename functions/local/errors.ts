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

export class CorruptDataFolder extends StartupError {
  constructor(path: string, detail: string) {
    super(`the data folder ${path} cannot be opened (${detail}); move it away or delete it to start fresh`);
  }
}

/** Maps a listen() failure to a clear StartupError. */
export function listenError(err: unknown, what: string, port: number, envName?: string): Error {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'EADDRINUSE') return new PortInUse(what, port, envName);
  if (code === 'EACCES') return new StartupError(`not allowed to listen on port ${port} (${what})`);
  return err as Error;
}
