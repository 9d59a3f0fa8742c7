/**
 * `newswatch tag … | head -1`: once the reader has what it wants it closes the pipe, and the next write
 * fails with EPIPE. That is the reader's choice, not an error: stop at once, quietly, with exit 0, as
 * `cat`, `grep` and friends do — instead of Node's unhandled 'error' event and a stack trace.
 */
export function exitQuietlyOnClosedPipe(stream: NodeJS.WriteStream = process.stdout): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

/**
 * `newswatch serve | head -6`: a server is not done when the reader of its start-up lines is. It keeps
 * serving, and stops Ctrl-C or SIGTERM cleanly, with nothing more written to the closed pipe; exiting at
 * once (what the commands above do) left runtime.json pointing the CLI at a runtime that was gone.
 */
export function keepRunningOnClosedPipe(stream: NodeJS.WriteStream = process.stdout): void {
  stream.removeAllListeners('error');
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
  });
}
