/**
 * Patterns written with `\p{L}` and `\p{N}` (so they read as "a letter", "a digit") compiled without Unicode
 * property classes. V8 builds such a class from ICU's tables each time it compiles an expression that holds
 * one, and compiles each expression twice (bytecode, then native code once it runs again): the first story
 * titles of a cold start cost ≈ 0.1 s that way (docs/stories.md). The text these patterns read is English or
 * Russian, lower-cased, so plain ranges say the same.
 */
const LETTERS = 'a-zß-öø-ÿа-яёіїєґў';
const DIGITS = '0-9';
const PLAIN: Record<string, string> = { '\\p{L}': LETTERS, '\\p{N}': DIGITS };
/** `\p{L}` and `\p{N}` are five characters, as is every property escape that could be left behind (`\p{X}`). */
const ESCAPE_LENGTH = 5;

/**
 * `source` with each `\p{L}` and `\p{N}` written as the ranges above, inside a character class or as one.
 * The result is compiled without the `u` flag, where `\p{Lu}` would quietly mean "p{Lu}": any other property
 * escape is refused here instead.
 */
export function withPlainClasses(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      const ranges = PLAIN[source.slice(i, i + ESCAPE_LENGTH)];
      if (ranges) {
        out += inClass ? ranges : `[${ranges}]`;
        i += ESCAPE_LENGTH - 1;
        continue;
      }
      const next = source[i + 1];
      if (next === 'p' || next === 'P') {
        throw new Error(`withPlainClasses: only \\p{L} and \\p{N} can be written as plain ranges, not ${source.slice(i, i + 8)}…`);
      }
      out += source.slice(i, i + 2);
      i++;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    out += c;
  }
  return out;
}
