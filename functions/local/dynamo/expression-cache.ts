/**
 * dynalite parses every request's ConditionExpression with a PEG parser, about a tenth of the stand-in's
 * CPU in `bench:pipeline`, and the handlers send the same few conditions again and again
 * (`attribute_not_exists(pk)` on every new article, index entry and alert marker; `version = :v` with a
 * handful of versions on story writes). A condition's parse depends only on its text and the request's
 * ExpressionAttributeNames and ExpressionAttributeValues, so the parse is kept and shared: dynalite only
 * reads a parsed condition (checkConditional, matchesExprFilter).
 *
 * Values bound afterwards: the parser puts each value object it uses into the parse as it is, and of a
 * value it reads only its type (for begins_with, size and the like) — except in BETWEEN (which compares
 * its bounds) and attribute_type (which reads the type name given). So a parse is kept by text, names
 * and the values' types, with where each value sits in it; a request with other values of the same types
 * gets a copy with its own values put there (only the objects on the way to them are copied). The alert
 * path's conditions carry a value that changes with every request (a claim's age, a token, an article
 * id), and were parsed every time before. A condition with BETWEEN or attribute_type is kept by its values.
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
  /** Where each value used sits in `result` (the keys on the way to it), when it is kept by the values' types. */
  slots?: Array<{ value: string; path: Array<string | number> }>;
}

/** Distinct condition + names + values combinations kept (the pipeline uses a few dozen). */
const MAX_KEPT = 512;
/** Keys longer than this (a condition over large values) are parsed every time. */
const MAX_KEY_LENGTH = 4096;

const require = createRequire(import.meta.url);
const PATCHED = Symbol.for('newswatch.dynalite.expressionCache');

/** Parser checks that read a value's content, not only its type: conditions with them are kept by their values. */
const READS_VALUES = /between|attribute_type/i;
/** The attribute value types dynalite knows: a value with anything else is left to the parser every time. */
const VALUE_TYPES = new Set(['S', 'N', 'B', 'NULL', 'BOOL', 'SS', 'NS', 'BS', 'L', 'M']);

/** The defined values' names and types (`:a=S,:b=N`), or undefined when one is not a plain one-type value. */
function valueTypes(values: Record<string, unknown> | undefined): string | undefined {
  let out = '';
  for (const name in values) {
    const value = values[name];
    if (value === null || typeof value !== 'object') return undefined;
    const types = Object.keys(value);
    if (types.length !== 1 || !VALUE_TYPES.has(types[0]!)) return undefined;
    out += `${name}=${types[0]},`;
  }
  return out;
}

/** Every place in `node` where one of `values` (by identity) sits, as paths of keys. */
function valueSlots(
  node: unknown,
  values: Map<unknown, string>,
  path: Array<string | number> = [],
  out: Kept['slots'] = [],
): Kept['slots'] {
  if (node === null || typeof node !== 'object') return out;
  const name = values.get(node);
  if (name !== undefined) {
    out!.push({ value: name, path: [...path] });
    return out;
  }
  for (const key in node) valueSlots((node as Record<string, unknown>)[key], values, [...path, key], out);
  return out;
}

/** A copy of `result` with this request's values in the slots (only the objects on the way to them are copied). */
function bound(result: object, slots: NonNullable<Kept['slots']>, values: Record<string, unknown>): object {
  const copies = new Map<object, object>();
  const copyOf = (node: object): object => {
    let copy = copies.get(node);
    if (!copy) {
      copy = Array.isArray(node) ? [...node] : Object.assign(Object.create(Object.getPrototypeOf(node)), node);
      copies.set(node, copy!);
    }
    return copy!;
  };
  const root = copyOf(result);
  for (const { value, path } of slots) {
    let original: object = result;
    let copy = root as Record<string | number, unknown>;
    for (const key of path.slice(0, -1)) {
      original = (original as Record<string | number, object>)[key]!;
      copy[key] = copyOf(original);
      copy = copy[key] as Record<string | number, unknown>;
    }
    copy[path[path.length - 1]!] = values[value];
  }
  return root;
}

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
    const types = READS_VALUES.test(input) ? undefined : valueTypes(context.attrVals);
    const byTypes = types !== undefined;
    const valuesKey = byTypes ? `types ${types}` : `values ${JSON.stringify(context.attrVals ?? null)}`;
    const key = `${input}\u0000${JSON.stringify(context.attrNames ?? null)}\u0000${valuesKey}`;
    if (key.length > MAX_KEY_LENGTH) return parse(input, options);
    const hit = kept.get(key);
    if (hit) {
      markUsed(context, hit.names, hit.values);
      return hit.slots ? bound(hit.result, hit.slots, context.attrVals ?? {}) : hit.result;
    }
    // Parsed against a context of its own, in which every name and value is still unused: what this
    // condition uses, whatever other expressions of the same request used before it.
    const probe = { ...context, unusedAttrNames: allUnused(context.attrNames), unusedAttrVals: allUnused(context.attrVals) };
    const result = parse(input, { ...options, context: probe }); // a syntax error throws, and is not kept
    const names = used(context.attrNames, probe.unusedAttrNames);
    const values = used(context.attrVals, probe.unusedAttrVals);
    markUsed(context, names, values);
    if (result !== null && typeof result === 'object') {
      const slots = byTypes ? valueSlots(result, new Map(values.map((name) => [context.attrVals![name], name]))) : undefined;
      // A value used but not found where it sits (a parser that copied it) could not be bound: keep such a parse by its values.
      const placed = slots && values.every((name) => slots.some((slot) => slot.value === name));
      if (!slots || placed) kept.set(key, { result, names, values, slots });
    }
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
