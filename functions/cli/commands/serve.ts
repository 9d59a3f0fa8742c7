import type { Command } from 'commander';

// PLACEHOLDER: the local runtime issue (#4) implements `newswatch serve` (what `npm start` runs) here.
export function registerServe(program: Command): void {
  program.command('serve').description('Run the whole pipeline on this machine (not built yet)').action(() => {
    console.error('newswatch serve: not built yet');
    process.exit(1);
  });
}
