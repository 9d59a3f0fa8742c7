import type { Command } from 'commander';

// PLACEHOLDER: the tagger issue (#2) implements `newswatch tag` here.
export function registerTag(program: Command): void {
  program.command('tag').description('Tag articles offline (not built yet)').action(() => {
    console.error('newswatch tag: not built yet');
    process.exit(1);
  });
}
