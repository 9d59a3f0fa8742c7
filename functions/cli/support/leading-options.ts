import type { Command } from 'commander';

/** The options every command that talks to a server takes, each with one value. */
const CONNECTION_OPTIONS = new Set(['--url', '--api-key']);

/** The sub-command of `command` called `word` (by name or alias), if it has one. */
export function subCommand(command: Command, word: string): Command | undefined {
  return command.commands.find((c) => c.name() === word || c.aliases().includes(word));
}

/** The command the first words of `words` name (`feeds add` of `feeds add URL`), and how many words that took. */
export function commandAt(program: Command, words: readonly string[]): { command: Command; length: number } {
  let command = program;
  let length = 0;
  for (const word of words) {
    const sub = subCommand(command, word);
    if (!sub) break;
    command = sub;
    length++;
  }
  return { command, length };
}

/** How many of `words` name a command of `program` and its sub-commands: 2 for `feeds add URL`. */
export function commandPathLength(program: Command, words: readonly string[]): number {
  return commandAt(program, words).length;
}

/**
 * `newswatch --url U --api-key K feeds add X` read as `newswatch feeds add --url U --api-key K X`: the
 * connection options belong to each command, but users put them before it too (as with git's `-C`).
 * Only those given before the command move (with their values, `--url U` or `--url=U`), to just after
 * the command's name (`pathLength` words of what follows them): at the end, an option of the command
 * left without its value would take `--url` for it, and the user would be told of an extra argument
 * instead of the missing value. Without a command they go last. `args`: the user's (no node, no script).
 */
export function connectionOptionsAfterCommand(args: readonly string[], pathLength: (words: readonly string[]) => number): string[] {
  const moved: string[] = [];
  let at = 0;
  while (at < args.length && args[at]!.startsWith('--')) {
    const arg = args[at]!;
    const name = arg.split('=', 1)[0]!;
    if (!CONNECTION_OPTIONS.has(name)) break;
    const takesNext = !arg.includes('=') && at + 1 < args.length;
    moved.push(...args.slice(at, at + (takesNext ? 2 : 1)));
    at += takesNext ? 2 : 1;
  }
  if (moved.length === 0) return [...args];
  const rest = args.slice(at);
  const length = pathLength(rest);
  return length === 0 ? [...rest, ...moved] : [...rest.slice(0, length), ...moved, ...rest.slice(length)];
}
