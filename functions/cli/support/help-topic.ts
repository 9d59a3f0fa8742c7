import type { Command } from 'commander';
import { commandAt, subCommand } from './leading-options';

/**
 * `newswatch help bogus` (or `newswatch feeds help bogus`): the command whose help was asked for and the
 * topic it does not know, else undefined. commander answers such a request with the whole help of the
 * command above it, which hides that the name was wrong; this lets the caller name it instead.
 * `args`: the user's words (no node, no script).
 */
export function unknownHelpTopic(program: Command, args: readonly string[]): { command: Command; topic: string } | undefined {
  // commander's own `help` command is not among the commands: the path stops at it.
  const { command, length } = commandAt(program, args);
  if (args[length] !== 'help' || command.commands.length === 0) return undefined;
  const topic = args[length + 1];
  // `help help` asks for the help command's own help.
  const known = topic === undefined || topic === 'help' || topic.startsWith('-') || subCommand(command, topic) !== undefined;
  return known ? undefined : { command, topic };
}

/**
 * `newswatch digest --url X`: options given to a command that only groups others (`digest`, `feeds`,
 * `alerts`…) before naming one of them. commander calls the option unknown, which hides that a command is
 * missing; this names the group and its commands instead. Undefined when the words are not of that form.
 */
export function optionsBeforeSubcommand(program: Command, args: readonly string[]): { command: Command; option: string } | undefined {
  const { command, length } = commandAt(program, args);
  const option = args[length];
  if (option === undefined) return undefined;
  const grouping = command !== program && command.commands.length > 0 && defaultSubcommand(command) === undefined;
  return grouping && option.startsWith('-') && option !== '-h' && option !== '--help' ? { command, option } : undefined;
}

/**
 * The command a group runs when none is named (`watchlist` is `watchlist list`), which takes the options
 * given after the group's name. commander keeps it in a field of its own, not in its typings.
 */
function defaultSubcommand(group: Command): string | undefined {
  return (group as unknown as { _defaultCommandName?: string | null })._defaultCommandName ?? undefined;
}
