import { Command } from 'commander';
import { registerTag } from './commands/tag';
import { registerServe } from './commands/serve';
import { registerRemoteCommands } from './commands/remote';

/** The `newswatch` command: each sub-command lives in its own file under commands/. */
const program = new Command()
  .name('newswatch')
  .description('Tag news articles for tracked people and topics, and alert their followers.')
  .showHelpAfterError()
  .exitOverride((err) => {
    // commander's own usage errors (unknown option, missing argument) are bad input: exit 2.
    process.exit(err.exitCode === 0 ? 0 : 2);
  });

registerTag(program);
registerServe(program);
registerRemoteCommands(program);

await program.parseAsync(process.argv);
