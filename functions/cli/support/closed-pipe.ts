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
