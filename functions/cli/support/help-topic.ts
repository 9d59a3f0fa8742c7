import type { Command } from 'commander';

/** The sub-command of `command` called `word` (by name or alias), if it has one. */
function subCommand(command: Command, word: string): Command | undefined {
  return command.commands.find((c) => c.name() === word || c.aliases().includes(word));
}

/**
 * `newswatch help bogus` (or `newswatch feeds help bogus`): the command whose help was asked for and the
 * topic it does not know, else undefined. commander answers such a request with the whole help of the
 * command above it, which hides that the name was wrong; this lets the caller name it instead.
 * `args`: the user's words (no node, no script).
 */
export function unknownHelpTopic(program: Command, args: readonly string[]): { command: Command; topic: string } | undefined {
  let command = program;
  for (let at = 0; at < args.length; at++) {
    const word = args[at]!;
    if (word === 'help' && command.commands.length > 0) {
      const topic = args[at + 1];
      // `help help` is commander's own help command, which is not among the commands.
      const known = topic === undefined || topic === 'help' || topic.startsWith('-') || subCommand(command, topic) !== undefined;
      return known ? undefined : { command, topic };
    }
    const sub = subCommand(command, word);
    if (!sub) return undefined;
    command = sub;
  }
  return undefined;
}

/**
 * `newswatch digest --url X`: options given to a command that only groups others (`digest`, `feeds`,
 * `alerts`…) before naming one of them. commander calls the option unknown, which hides that a command is
 * missing; this names the group and its commands instead. Undefined when the words are not of that form.
 */
export function optionsBeforeSubcommand(program: Command, args: readonly string[]): { command: Command; option: string } | undefined {
  let command = program;
  for (const word of args) {
    const sub = subCommand(command, word);
    if (sub) {
      command = sub;
      continue;
    }
    const grouping = command !== program && command.commands.length > 0;
    return grouping && word.startsWith('-') && word !== '-h' && word !== '--help' ? { command, option: word } : undefined;
  }
  return undefined;
}
