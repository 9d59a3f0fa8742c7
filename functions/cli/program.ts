import { Command } from 'commander';
import { onClosedPipe } from './support/closed-pipe';
import { printableLines } from './support/cli-errors';

/** The `newswatch` program without sub-commands: main.ts adds them all, tag-main.ts only `tag`. */
export function newswatchProgram(): Command {
  onClosedPipe(process.stdout, 'exit');
  return (
    new Command()
      .name('newswatch')
      .description('Tag news articles for tracked people and topics, and alert their followers.')
      // One line after a usage error, not the whole help: the error naming the option stays in sight.
      .showHelpAfterError('(add --help for usage)')
      // commander's errors quote what was typed (an unknown command, an option's value): no control character reaches the terminal.
      .configureOutput({ outputError: (text, write) => write(printableLines(text)) })
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

/**
 * An option's value that is another of the command's options (`digest send --delivery --url http://…`)
 * means the value was left out: commander would take `--url` as the value and then refuse the URL as an
 * extra argument. Refused instead, naming the option that lacks its value (exit 2). Applied to `command`
 * and every sub-command, once they are all registered.
 */
export function refuseOptionsAsValues(command: Command): Command {
  const flags = new Set(command.options.flatMap((o) => [o.long, o.short].filter((f): f is string => f !== undefined)));
  for (const option of command.options) {
    if (!(option.required || option.optional)) continue;
    command.on(`option:${option.name()}`, (value: unknown) => {
      const given = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
      const taken = given.find((v) => flags.has(v.split('=', 1)[0]!));
      if (taken === undefined) return;
      command.error(`error: option '${option.flags}' argument missing (found the option '${taken}' where its value goes)`, {
        exitCode: 2,
        code: 'newswatch.optionAsValue',
      });
    });
  }
  for (const sub of command.commands) refuseOptionsAsValues(sub);
  return command;
}
