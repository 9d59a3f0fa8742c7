import { Command } from 'commander';
import { onClosedPipe } from './support/closed-pipe';

/** The `newswatch` program without sub-commands: main.ts adds them all, tag-main.ts only `tag`. */
export function newswatchProgram(): Command {
  onClosedPipe(process.stdout, 'exit');
  return (
    new Command()
      .name('newswatch')
      .description('Tag news articles for tracked people and topics, and alert their followers.')
      // One line after a usage error, not the whole help: the error naming the option stays in sight.
      .showHelpAfterError('(add --help for usage)')
      .exitOverride((err) => {
        // commander's own usage errors (unknown option, missing argument) are bad input: exit 2.
        process.exit(err.exitCode === 0 ? 0 : 2);
      })
  );
}

/**
 * An option of one value given twice (`subscribe --email a@x --email b@y`, `digest send --delivery
 * hourly --delivery daily`) would keep the last value and drop the first without a word: refused
 * instead, naming the option (exit 2). Options meant to repeat are variadic (`--person a --person b`),
 * and a flag given twice (`--json --json`) says the same thing twice. Applied to `command` and every
 * sub-command, once they are all registered.
 */
export function refuseRepeatedOptions(command: Command): Command {
  for (const option of command.options) {
    if (option.variadic || !(option.required || option.optional)) continue;
    let given = false;
    command.on(`option:${option.name()}`, () => {
      if (given) {
        command.error(`error: option '${option.flags}' was given more than once: it takes one value`, {
          exitCode: 2,
          code: 'newswatch.repeatedOption',
        });
      }
      given = true;
    });
  }
  for (const sub of command.commands) refuseRepeatedOptions(sub);
  return command;
}
