import { vi } from 'vitest';

/** What a CLI command wrote to stdout and stderr; undo with vi.restoreAllMocks(). */
export interface CapturedOutput {
  readonly out: string;
  readonly err: string;
}

/** Spies on process.stdout/stderr.write so a command run in-process prints into strings, not the test log. */
export function captureOutput(): CapturedOutput {
  const captured = { out: '', err: '' };
  vi.spyOn(process.stdout, 'write').mockImplementation((text) => {
    captured.out += String(text);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((text) => {
    captured.err += String(text);
    return true;
  });
  return captured;
}
