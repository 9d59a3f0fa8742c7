/**
 * npm run generate:word-keys — writes functions/core/text/word-list-keys.generated.ts: the word keys of
 * the tagger's and story clustering's word lists, computed once here instead of at every cold start.
 * Run it after changing a word list or the key rules (text/word-keys.ts); the unit test says when.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { wordListKeysModule } from '../functions/core/text/word-list-keys';

const target = fileURLToPath(new URL('../functions/core/text/word-list-keys.generated.ts', import.meta.url));
writeFileSync(target, wordListKeysModule());
console.log(`wrote ${target}`);
