/**
 * The numbers the scanner's hot loop compares and hashes with, in a module of constants only. A
 * minifying bundler (esbuild: the tag CLI's bundles and the Lambda functions) writes such a module's
 * constants into the code that uses them; declared in word-keys.ts, after the code that fills its
 * tables at load, they stayed module variables, which optimised code loads and type-checks at every
 * use: the hash's prime once per letter (docs/benchmarks.md, "Tagger"; tests/unit/core/scan-units.test.ts).
 */

/** FNV-1a's 32-bit offset basis as a signed int, and its prime: the word hash the scanner shares. */
export const H0 = 0x811c9dc5 | 0;
export const FNV_PRIME = 16777619;
/** "i" and "e" as key characters: the two the context rules look at. */
export const I = 105;
export const E = 101;
/** The table entry of a character that separates words. */
export const SEP = -1;
