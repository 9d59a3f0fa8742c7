import { newswatchProgram } from './program';
import { registerTag } from './commands/tag';

/**
 * `newswatch tag …` alone (bin/newswatch-cli.mjs runs this bundle when the first argument is `tag`):
 * the same `tag` command as main.ts registers, without loading the other commands and their modules,
 * so an offline tagging run starts faster (docs/benchmarks.md, "Tagger").
 */
const program = newswatchProgram();
registerTag(program);
await program.parseAsync(process.argv);
