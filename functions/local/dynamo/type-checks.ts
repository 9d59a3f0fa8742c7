/**
 * dynalite checks every request's types (`checkTypes` of its validations module) with an interpreter
 * over its type descriptions: for every attribute value of every item it matches a regular expression
 * against a type name, builds a description object and a new copy of the value — about a tenth of the
 * stand-in's CPU in `bench:pipeline` (an article item holds dozens of attribute values). The same
 * descriptions, compiled once into plain functions, give the same copy for the requests the handlers
 * send, at a fraction of the cost.
 *
 * Only a request already in the form dynalite would produce takes this path: every value of the type
 * described, no unknown or null field in a structure. Anything else (a
 * request dynalite would refuse with a SerializationException, or would convert — `"true"` for a
 * boolean — or would strip of unknown fields) returns `UNCHECKED` and goes to dynalite's own
 * `checkTypes`, untouched, so its answer (error message and all) is dynalite's own. The copy is built
 * as dynalite builds it: structure fields in the order of the description, map keys and list items in
 * the request's order, integers floored.
 *
 * Installed with the other shortcuts (dynalite-server.ts; `NEWSWATCH_DYNAMO_SHORTCUTS=off` leaves
 * dynalite's own); tests/unit/local/type-checks.test.ts compares both on valid and invalid requests.
 */
import { createRequire } from 'node:module';

/** A type description as dynalite's validations give it: a type name, or an object with `type` and `children`. */
export type TypeSpec = string | { type?: string; children?: TypeSpec | Record<string, TypeSpec> };
type Types = Record<string, TypeSpec>;

/** What a compiled check returns when the value is not in the form dynalite would produce itself. */
export const UNCHECKED = Symbol('unchecked');
type Check = (value: unknown) => unknown;

/** The attribute value's own description, as dynalite's checkType spells it for `AttrStruct<…>`. */
const ATTRIBUTE_VALUE: Record<string, TypeSpec> = {
  S: 'String',
  B: 'Blob',
  N: 'String',
  BOOL: 'Boolean',
  NULL: 'Boolean',
  BS: { type: 'List', children: 'Blob' },
  NS: { type: 'List', children: 'String' },
  SS: { type: 'List', children: 'String' },
  L: { type: 'List', children: 'AttrStruct<ValueStruct>' },
  M: { type: 'Map<AttributeValue>', children: 'AttrStruct<ValueStruct>' },
};

const GENERIC = /(.+?)<(.+)>$/;
const never: Check = () => UNCHECKED;
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const hasOwn = (object: object, key: string) => Object.hasOwn(object, key);

/**
 * Base64 that reads back the same (dynalite's test: decoded and encoded again, equal): only the standard
 * alphabet, whole quads, padding only at the end, and no stray bits in the last character before it —
 * the same answer without decoding and encoding an article's body on every put (exported for its test).
 */
const CANONICAL_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}[AEIMQUYcgkosw048]=|[A-Za-z0-9+/][AQgw]==)?$/;
export const readsBackSame = (v: string) => CANONICAL_BASE64.test(v);

const SCALARS: Record<string, Check> = {
  Boolean: (v) => (typeof v === 'boolean' ? v : UNCHECKED),
  Short: (v) => (typeof v === 'number' ? Math.floor(v) : UNCHECKED),
  Integer: (v) => (typeof v === 'number' ? Math.floor(v) : UNCHECKED),
  Long: (v) => (typeof v === 'number' ? Math.floor(v) : UNCHECKED),
  Double: (v) => (typeof v === 'number' ? v : UNCHECKED),
  String: (v) => (typeof v === 'string' ? v : UNCHECKED),
  // dynalite refuses base64 that does not read back the same (its own test, kept as it is).
  Blob: (v) => (typeof v === 'string' && readsBackSame(v) ? v : UNCHECKED),
};

/** Compiles type descriptions once each (descriptions refer to themselves: L and M hold attribute values). */
class Compiler {
  private readonly byName = new Map<string, Check>();
  private readonly bySpec = new WeakMap<object, Check>();
  private readonly byTypes = new WeakMap<object, Check>();

  /** The check of one described value (null stays null, as in dynalite). */
  value(spec: TypeSpec): Check {
    const cached = typeof spec === 'string' ? this.byName.get(spec) : this.bySpec.get(spec);
    if (cached) return cached;
    let built: Check | undefined;
    const check: Check = (v) => (v == null ? null : built!(v));
    if (typeof spec === 'string') this.byName.set(spec, check);
    else this.bySpec.set(spec, check);
    built = this.build(spec);
    return check;
  }

  /** The check of a whole request (dynalite's `checkTypes(data, types)`). */
  request(types: Types): Check {
    let check = this.byTypes.get(types);
    if (!check) {
      check = this.structure(types);
      this.byTypes.set(types, check);
    }
    return check;
  }

  /** Every `AttrStruct<…>` is a structure of ATTRIBUTE_VALUE: one check for all (its L and M hold more). */
  private attribute: Check | undefined;
  private attributeValue(): Check {
    this.attribute ??= this.structure(ATTRIBUTE_VALUE);
    return this.attribute;
  }

  private build(spec: TypeSpec): Check {
    const children = typeof spec === 'string' ? undefined : spec.children;
    const name = typeof spec === 'string' ? spec : spec.type;
    if (typeof name !== 'string') return never;
    const generic = GENERIC.exec(name);
    const [type, subtype] = generic ? [generic[1]!, generic[2]!] : [name, undefined];
    if (type === 'AttrStruct') return subtype === 'ValueStruct' || subtype === 'FieldStruct' ? this.attributeValue() : never;
    if (SCALARS[type]) return SCALARS[type];
    if (children === undefined) return never;
    // The Parameterized kinds (batch requests) differ from the plain ones only in their error messages.
    if (type === 'List' || type === 'ParameterizedList') return this.list(this.value(children as TypeSpec));
    if (type === 'Map' || type === 'ParameterizedMap') return this.map(this.value(children as TypeSpec));
    if ((type === 'ValueStruct' || type === 'FieldStruct') && isRecord(children)) return this.structure(children as Types);
    return never; // anything unknown: dynalite's own
  }

  private list(item: Check): Check {
    return (v) => {
      if (!Array.isArray(v)) return UNCHECKED;
      const out = new Array(v.length);
      for (let i = 0; i < v.length; i++) {
        const checked = item(v[i]);
        if (checked === UNCHECKED) return UNCHECKED;
        out[i] = checked;
      }
      return out;
    };
  }

  private map(entry: Check): Check {
    return (v) => {
      if (!isRecord(v)) return UNCHECKED;
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(v)) {
        const checked = entry(v[key]);
        if (checked === UNCHECKED) return UNCHECKED;
        out[key] = checked;
      }
      return out;
    };
  }

  private structure(types: Types): Check {
    const fields = Object.keys(types);
    let checks: Check[] | undefined; // compiled on first use: descriptions refer to themselves
    return (v) => {
      if (!isRecord(v)) return UNCHECKED;
      for (const key in v) if (!hasOwn(types, key) || v[key] == null) return UNCHECKED; // dynalite would strip it
      checks ??= fields.map((field) => this.value(types[field]!));
      const out: Record<string, unknown> = {};
      for (let i = 0; i < fields.length; i++) {
        const field = fields[i]!;
        if (v[field] == null) continue;
        const checked = checks[i]!(v[field]);
        if (checked === UNCHECKED) return UNCHECKED;
        out[field] = checked;
      }
      return out;
    };
  }
}

type CheckTypes = (data: unknown, types: Types) => unknown;

/** dynalite's checkTypes with compiled checks in front: its own for anything not already in its form (exported for its test). */
export function compiledCheckTypes(original: CheckTypes): CheckTypes {
  const compiler = new Compiler();
  return (data, types) => {
    const checked = compiler.request(types)(data);
    return checked === UNCHECKED ? original(data, types) : checked;
  };
}

const require = createRequire(import.meta.url);
const PATCHED = Symbol.for('newswatch.dynalite.typeChecks');

/** Puts the compiled checks in front of dynalite's checkTypes in this thread (index.js calls it through the module). */
export function installTypeChecks(): void {
  let validations: { checkTypes?: CheckTypes; [PATCHED]?: true };
  try {
    validations = require('dynalite/validations');
  } catch {
    return; // dynalite itself reports a missing install
  }
  if (validations[PATCHED] || typeof validations.checkTypes !== 'function') return;
  validations.checkTypes = compiledCheckTypes(validations.checkTypes);
  validations[PATCHED] = true;
}
