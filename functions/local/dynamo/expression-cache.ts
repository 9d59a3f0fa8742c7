/**
 * dynalite parses every request's ConditionExpression with a PEG parser, about a tenth of the stand-in's
 * CPU in `bench:pipeline`, and the handlers send the same few conditions again and again
 * (`attribute_not_exists(pk)` on every new article, index entry and alert marker; `version = :v` with a
 * handful of versions on story writes). A condition's parse depends only on its text and the request's
 * ExpressionAttributeNames and ExpressionAttributeValues, so the parse is kept, keyed by all three, and
 * shared: dynalite only reads a parsed condition (checkConditional, matchesExprFilter).
 *
 * Besides its result, a parse marks the names and values it used (dynalite refuses a request that
 * defines one no expression uses): a kept parse marks the same ones. Failed parses (a syntax error, an
 * undefined name) are not kept, so every such request gets dynalite's own error. Key conditions (Query)
 * are not kept either: dynalite rewrites those into its key lookup.
 *
 * This reaches into dynalite (`require('dynalite/db/conditionParser')`), as table-cache.ts does; when the
 * module is not the shape expected, nothing is changed.
 */
import { createRequire } from 'node:module';
import { LRUCache } from 'lru-cache';

/** The parser's context as dynalite's validations build it. */
interface ParseContext {
  attrNames?: Record<string, string>;
  attrVals?: Record<string, unknown>;
  unusedAttrNames?: Record<string, boolean>;
  unusedAttrVals?: Record<string, boolean>;
  isKeyCondition?: boolean;
}

type Parse = (input: string, options?: { context?: ParseContext }) => unknown;

interface Kept {
  result: object;
  names: string[];
  values: string[];
}

/** Distinct condition + names + values combinations kept (the pipeline uses a few dozen). */
const MAX_KEPT = 512;
/** Keys longer than this (a condition over large values) are parsed every time. */
const MAX_KEY_LENGTH = 4096;

const require = createRequire(import.meta.url);
const PATCHED = Symbol.for('newswatch.dynalite.expressionCache');

const allUnused = (defined: Record<string, unknown> | undefined) =>
  Object.fromEntries(Object.keys(defined ?? {}).map((key) => [key, true]));
const used = (defined: Record<string, unknown> | undefined, unused: Record<string, boolean>) =>
  Object.keys(defined ?? {}).filter((key) => !(key in unused));

function markUsed(context: ParseContext, names: string[], values: string[]): void {
  for (const name of names) delete context.unusedAttrNames?.[name];
  for (const value of values) delete context.unusedAttrVals?.[value];
}

/** A parse function that keeps successful parses of `parse` (exported for its test). */
export function keepingParses(parse: Parse): Parse {
  const kept = new LRUCache<string, Kept>({ max: MAX_KEPT });
  return (input, options) => {
    const context = options?.context;
    if (!context || context.isKeyCondition) return parse(input, options);
    const key = `${input}\u0000${JSON.stringify(context.attrNames ?? null)}\u0000${JSON.stringify(context.attrVals ?? null)}`;
    if (key.length > MAX_KEY_LENGTH) return parse(input, options);
    const hit = kept.get(key);
    if (hit) {
      markUsed(context, hit.names, hit.values);
      return hit.result;
    }
    // Parsed against a context of its own, in which every name and value is still unused: what this
    // condition uses, whatever other expressions of the same request used before it.
    const probe = { ...context, unusedAttrNames: allUnused(context.attrNames), unusedAttrVals: allUnused(context.attrVals) };
    const result = parse(input, { ...options, context: probe }); // a syntax error throws, and is not kept
    const names = used(context.attrNames, probe.unusedAttrNames);
    const values = used(context.attrVals, probe.unusedAttrVals);
    markUsed(context, names, values);
    if (result !== null && typeof result === 'object') kept.set(key, { result, names, values });
    return result;
  };
}

/** Keeps dynalite's condition parses in this thread (its validations call the parser module's `parse`). */
export function installExpressionCache(): void {
  let parser: { parse?: Parse; [PATCHED]?: true };
  try {
    parser = require('dynalite/db/conditionParser');
  } catch {
    return; // dynalite itself reports a missing install
  }
  if (parser[PATCHED] || typeof parser.parse !== 'function') return;
  parser.parse = keepingParses(parser.parse);
  parser[PATCHED] = true;
}
