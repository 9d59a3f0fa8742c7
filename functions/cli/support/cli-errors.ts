import { oneLine } from '../../core/text/one-line';

/**
 * Exit codes and the errors that carry them. Every command action runs through `runAction`, the one
 * place that turns an error into a message on stderr and an exit code — never a stack trace.
 */
export const EXIT = {
  /** Everything done (for push: every article accepted, new or duplicate). */
  ok: 0,
  /** The command ran but something failed: rejected articles, an API error, the server unreachable. */
  failure: 1,
  /** Bad usage or unreadable input: nothing was sent. */
  usage: 2,
} as const;

/** An error meant for the user: its message is printed as is, followed by its detail lines. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failure,
    readonly detailLines: readonly string[] = [],
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Bad options or unreadable input (exit 2). The message names the option or the file. */
export class UsageError extends CliError {
  constructor(message: string, detailLines: readonly string[] = []) {
    super(message, EXIT.usage, detailLines);
    this.name = 'UsageError';
  }
}

interface Writable {
  write(text: string): unknown;
}

/** Prints an error for a human and returns the exit code it stands for. */
export function reportError(error: unknown, stderr: Writable): number {
  if (error instanceof CliError) {
    stderr.write(`newswatch: ${printableLines(error.message)}\n`);
    for (const line of error.detailLines) stderr.write(`  ${oneLine(line)}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  stderr.write(`newswatch: unexpected error: ${printableLines(message)}\n`);
  return EXIT.failure;
}

/**
 * A message as stderr shows it: its own line breaks kept, every other control character written as an
 * escape. Messages quote what was typed or read (a file name, an id, a server's answer), and an escape
 * sequence in those would reach the terminal as a command.
 */
export const printableLines = (message: string): string => message.split('\n').map(oneLine).join('\n');

/**
 * Wraps a commander action: the action returns its exit code (default 0) or throws.
 * Sets process.exitCode rather than calling process.exit so pending output is flushed.
 */
export function runAction<Args extends unknown[]>(action: (...args: Args) => Promise<number | void>) {
  return async (...args: Args): Promise<void> => {
    try {
      process.exitCode = (await action(...args)) ?? EXIT.ok;
    } catch (error) {
      process.exitCode = reportError(error, process.stderr);
    }
  };
}
