import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { onClosedPipe } from '../../../functions/cli/support/closed-pipe';

const failure = (code: string) => Object.assign(new Error(code), { code });

describe('onClosedPipe', () => {
  afterEach(() => vi.restoreAllMocks());

  it('exit: a closed pipe ends the process with 0, any other write error with one line naming it and 1', () => {
    // Prepare
    const exit = vi.spyOn(process, 'exit').mockImplementation(((code: number) => {
      throw new Error(`exit ${code}`);
    }) as never);
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const stream = new PassThrough();
    onClosedPipe(stream, 'exit');

    // Act / Assess
    expect(() => stream.emit('error', failure('EPIPE'))).toThrow('exit 0');
    expect(exit).toHaveBeenCalledOnce();
    expect(stderr).not.toHaveBeenCalled();
    expect(() => stream.emit('error', failure('EIO'))).toThrow('exit 1');
    expect(stderr).toHaveBeenCalledWith('newswatch: cannot write the output: EIO\n');
  });

  it('keep-running: a closed or destroyed pipe is ignored, any other write error (EIO on a file) is thrown', () => {
    // Prepare
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    const stream = new PassThrough();
    onClosedPipe(stream, 'keep-running');

    // Act / Assess
    expect(() => stream.emit('error', failure('EPIPE'))).not.toThrow();
    expect(() => stream.emit('error', failure('ERR_STREAM_DESTROYED'))).not.toThrow();
    expect(() => stream.emit('error', failure('EIO'))).toThrow('EIO');
    expect(exit).not.toHaveBeenCalled();
    expect(() => stream.emit('error', failure('ENOSPC'))).toThrow('ENOSPC');
  });

  it('keep-running: a terminal that was closed (EIO on a TTY) is ignored', () => {
    const stream = Object.assign(new PassThrough(), { isTTY: true });
    onClosedPipe(stream, 'keep-running');

    expect(() => stream.emit('error', failure('EIO'))).not.toThrow();
  });

  it('replaces the mode set before on the same stream (serve over the program), leaving other listeners', () => {
    // Prepare
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    const stream = new PassThrough();
    const other = vi.fn();
    stream.on('error', other);
    onClosedPipe(stream, 'exit');

    // Act
    onClosedPipe(stream, 'keep-running');
    stream.emit('error', failure('EPIPE'));

    // Assess
    expect(exit).not.toHaveBeenCalled();
    expect(stream.listenerCount('error')).toBe(2);
    expect(other).toHaveBeenCalledOnce();
  });
});
