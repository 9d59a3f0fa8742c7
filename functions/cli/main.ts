import { newswatchProgram, refuseOptionsAsValues, refuseRepeatedOptions } from './program';
import { registerTag } from './commands/tag';
import { registerServe } from './commands/serve';
import { registerRemoteCommands } from './commands/remote';
import { optionsBeforeSubcommand, unknownHelpTopic } from './support/help-topic';
import { commandPathLength, connectionOptionsAfterCommand } from './support/leading-options';
import { packageVersion } from './support/package-version';

/** The `newswatch` command: each sub-command lives in its own file under commands/. */
const program = newswatchProgram().version(packageVersion(), '-V, --version', 'print the version');

registerTag(program);
registerServe(program);
registerRemoteCommands(program);
refuseRepeatedOptions(program);
refuseOptionsAsValues(program);

const [node, script, ...given] = process.argv;
const args = connectionOptionsAfterCommand(given, (words) => commandPathLength(program, words));
const unknownHelp = unknownHelpTopic(program, args);
if (unknownHelp)
  unknownHelp.command.error(`error: unknown command '${unknownHelp.topic}'`, { exitCode: 2, code: 'commander.unknownCommand' });
const early = optionsBeforeSubcommand(program, args);
if (early) {
  const names = early.command.commands.map((c) => c.name()).join(', ');
  early.command.error(
    `error: '${early.command.name()}' takes its options after one of its commands (${names}), not '${early.option}' before it`,
    {
      exitCode: 2,
      code: 'newswatch.optionsBeforeSubcommand',
    },
  );
}
await program.parseAsync([node!, script!, ...args]);
