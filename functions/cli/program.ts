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
