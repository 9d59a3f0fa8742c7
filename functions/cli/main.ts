import { newswatchProgram, refuseOptionsAsValues, refuseRepeatedOptions } from './program';
import { registerTag } from './commands/tag';
import { registerServe } from './commands/serve';
import { registerRemoteCommands } from './commands/remote';
import { unknownHelpTopic } from './support/help-topic';
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
await program.parseAsync([node!, script!, ...args]);
