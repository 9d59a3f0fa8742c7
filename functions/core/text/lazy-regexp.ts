/**
 * A regular expression made from its source the first time it is needed. V8 checks the syntax of every
 * regular expression literal while it parses the script, used or not, and for a Unicode property class
 * (`\p{L}`) that means building the class from ICU's tables: the four such literals in the ingest
 * bundle cost ≈ 4–6 M instructions at every cold start, ≈ 1 % of a handler that only creates its SDK
 * clients (docs/benchmarks.md, "Lambda cold start"). Made from a string, the check runs only when the
 * expression is first used. A global (`g`) expression is shared: use it only where the call resets
 * `lastIndex` (`match`, `replace`, `matchAll`), never with `test` or `exec`.
 */
export function lazyRegExp(source: string, flags: string): () => RegExp {
  let made: RegExp | undefined;
  return () => {
    made ??= new RegExp(source, flags);
    return made;
  };
}
