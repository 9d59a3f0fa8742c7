import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { newswatchProgram } from './program';
import { registerTag, type TagRuntime } from './commands/tag';
import { defaultCacheDir } from './support/matcher-cache';
import { isTagWorker, runTagWorker } from './support/tag-pool';
import { useSmallInliningBudget } from './support/inlining-budget';

/**
 * `newswatch tag …` alone (bin/newswatch-cli.mjs runs this bundle when the first argument is `tag`):
 * the same `tag` command as main.ts registers, without loading the other commands and their modules,
 * so an offline tagging run starts faster (docs/benchmarks.md, "Tagger"). The bundle is also what the
 * command's tagging threads run, and its hash names the code in the matcher cache's keys.
 */
function runtime(): TagRuntime {
  const self = new URL(import.meta.url);
  const fingerprint = createHash('sha256')
    .update(readFileSync(fileURLToPath(self)))
    .digest('hex');
  return { workerEntry: self, cache: { dir: defaultCacheDir(), fingerprint } };
}

/**
 * A run tags for well under a second, so V8's optimising compiler (whose CPU, on a background thread,
 * the run pays too) costs about as much as the code it speeds up: less inlining (support/inlining-budget.ts).
 * Set before any tagging code is optimised; it applies to this process's threads too.
 */
useSmallInliningBudget();

if (isTagWorker()) runTagWorker();
else {
  const program = newswatchProgram();
  registerTag(program, runtime);
  await program.parseAsync(process.argv);
}
