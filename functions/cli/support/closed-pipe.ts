/**
 * What a command does when the reader of its stdout or stderr closes the pipe (the next write fails with
 * EPIPE):
 * - `exit` — `newswatch tag … | head -1`: once the reader has what it wants, that is its choice, not an
 *   error: stop at once, quietly, with exit 0, as `cat`, `grep` and friends do, instead of Node's unhandled
 *   'error' event and a stack trace. Every command but `serve` (the program sets it on stdout).
 * - `keep-running` — `newswatch serve | head -6`: a server is not done when the reader of its start-up
 *   lines is. It keeps serving, and stops on Ctrl-C or SIGTERM cleanly, with nothing more written to the
 *   closed pipe (nor to one already destroyed, nor to a terminal that was closed); exiting at once left
 *   runtime.json pointing the CLI at a runtime that was gone.
 */
export type ClosedPipeMode = 'exit' | 'keep-running';

type ErrorHandler = (error: NodeJS.ErrnoException) => void;
/** The handler set on each stream, so that a later mode replaces it (serve's over the program's). */
const handlers = new WeakMap<NodeJS.EventEmitter, ErrorHandler>();

/**
 * Sets what a closed pipe on `stream` means (see ClosedPipeMode). Any other write error ends a command
 * (`exit`) with one line and exit 1 (outputFailed); a server (`keep-running`) throws it.
 */
export function onClosedPipe(stream: NodeJS.WritableStream, mode: ClosedPipeMode): void {
  const handler: ErrorHandler =
    mode === 'exit'
      ? (error) => {
          if (error.code === 'EPIPE') process.exit(0);
          outputFailed(error);
        }
      : (error) => {
          // EIO on a terminal: it was closed (SIGHUP), and its writes fail rather than close a pipe. On a file it is a disk error.
          const closedTerminal = error.code === 'EIO' && (stream as { isTTY?: boolean }).isTTY === true;
          if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED' && !closedTerminal) throw error;
        };
  const earlier = handlers.get(stream);
  if (earlier) stream.off('error', earlier);
  handlers.set(stream, handler);
  stream.on('error', handler);
}

/**
 * Ends the command after a write error other than a closed pipe (`newswatch tag … > /dev/full`): one line
 * naming it and exit 1, instead of Node's stack trace with a line of the bundled source. The line may not
 * get out either (stderr full too): the exit code still tells.
 */
function outputFailed(error: NodeJS.ErrnoException): never {
  try {
    process.stderr.write(`newswatch: cannot write the output: ${error.message}\n`);
  } catch {
    // stderr refuses too: the exit code is all that is left to say it.
  }
  process.exit(1);
}
