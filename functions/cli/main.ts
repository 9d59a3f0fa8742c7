import { newswatchProgram, refuseRepeatedOptions } from './program';
import { registerTag } from './commands/tag';
import { registerServe } from './commands/serve';
import { registerRemoteCommands } from './commands/remote';
import { commandPathLength, connectionOptionsAfterCommand } from './support/leading-options';

/** The `newswatch` command: each sub-command lives in its own file under commands/. */
const program = newswatchProgram();

registerTag(program);
registerServe(program);
registerRemoteCommands(program);
refuseRepeatedOptions(program);

const [node, script, ...args] = process.argv;
await program.parseAsync([node!, script!, ...connectionOptionsAfterCommand(args, (words) => commandPathLength(program, words))]);
