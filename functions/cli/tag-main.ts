// First, before the other modules are evaluated: starts the tagging threads (see tag-early.ts).
import './tag-early';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { newswatchProgram, refuseRepeatedOptions } from './program';
import { registerTag, type TagRuntime } from './commands/tag';
import { defaultCacheDir } from './support/matcher-cache';
import { TAG_YOUNG_GENERATION_BYTES, youngGenerationHold } from './support/young-generation';
import { earlyWorkers, workerEntry } from './tag-early';

/**
 * `newswatch tag …` alone (bin/newswatch-cli.mjs runs this bundle when the first argument is `tag`):
 * the same `tag` command as main.ts registers, without loading the other commands and their modules,
 * so an offline tagging run starts faster (docs/benchmarks.md, "Tagger"). Its tagging threads run
 * their own bundle (tag-worker.ts); the hash of both names the code in the matcher cache's keys.
 */
function runtime(): TagRuntime {
  const fingerprint = createHash('sha256');
  for (const code of [new URL(import.meta.url), workerEntry]) fingerprint.update(readFileSync(fileURLToPath(code)));
  return {
    workerEntry,
    early: earlyWorkers,
    cache: { dir: defaultCacheDir(), fingerprint: fingerprint.digest('hex') },
    afterTagging: youngGenerationHold(TAG_YOUNG_GENERATION_BYTES),
  };
}

const program = newswatchProgram();
registerTag(program, runtime);
refuseRepeatedOptions(program);
await program.parseAsync(process.argv);
