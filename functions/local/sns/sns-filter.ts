/**
 * SNS subscription filter policies, evaluated the way AWS does — including what fauxqs 1.9 misses:
 * a `String.Array` message attribute matches a condition when ANY of its elements matches it.
 *
 * Supported (the forms newswatch's api handler creates, plus the common operators):
 * exact strings/numbers, `$or`, `prefix`, `suffix`, `anything-but`, `numeric`, `exists`,
 * scope `MessageAttributes` (flat keys) and `MessageBody` (nested keys, arrays match any element).
 */
export interface SnsAttribute {
  DataType: string;
  StringValue?: string;
  BinaryValue?: string;
}

type Policy = Record<string, unknown>;
type Scalar = string | number | boolean | null;

/** Values of one attribute as AWS sees them: a String.Array is its elements, anything else one value. */
function attributeValues(attr: SnsAttribute): Scalar[] {
  const raw = attr.StringValue ?? '';
  if (attr.DataType === 'String.Array') {
    try {
      const parsed: unknown = JSON.parse(raw);
      // AWS only matches elements of a well-formed array; anything else matches nothing.
      return Array.isArray(parsed) ? parsed.filter(isScalar) : [];
    } catch {
      return [];
    }
  }
  if (attr.DataType === 'Number' || attr.DataType.startsWith('Number.')) return [Number(raw)];
  return [raw];
}

function isScalar(value: unknown): value is Scalar {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

function matchesOne(condition: unknown, value: Scalar): boolean {
  if (typeof condition === 'string') return value === condition;
  if (typeof condition === 'number') return typeof value === 'number' ? value === condition : Number(value) === condition;
  if (typeof condition === 'boolean' || condition === null) return value === condition;
  if (typeof condition !== 'object') return false;
  const op = condition as Record<string, unknown>;
  if ('prefix' in op) return typeof value === 'string' && value.startsWith(String(op.prefix));
  if ('suffix' in op) return typeof value === 'string' && value.endsWith(String(op.suffix));
  if ('numeric' in op) return typeof value === 'number' && numericMatches(value, op.numeric as unknown[]);
  if ('anything-but' in op) return !anythingButExcludes(op['anything-but'], value);
  return false;
}

function anythingButExcludes(excluded: unknown, value: Scalar): boolean {
  if (Array.isArray(excluded)) return excluded.some((e) => matchesOne(e, value));
  if (excluded && typeof excluded === 'object') return matchesOne(excluded, value);
  return matchesOne(excluded, value);
}

function numericMatches(value: number, spec: unknown[]): boolean {
  for (let i = 0; i + 1 < spec.length; i += 2) {
    const operand = Number(spec[i + 1]);
    const ok = { '=': value === operand, '>': value > operand, '>=': value >= operand, '<': value < operand, '<=': value <= operand }[
      String(spec[i]) as '='
    ];
    if (!ok) return false;
  }
  return true;
}

/** One key's condition list against the key's values (undefined = attribute absent). */
function keyMatches(conditions: unknown, values: Scalar[] | undefined): boolean {
  const list = Array.isArray(conditions) ? conditions : [conditions];
  return list.some((condition) => {
    if (condition && typeof condition === 'object' && 'exists' in condition) {
      return (condition as { exists: boolean }).exists === (values !== undefined);
    }
    return values?.some((value) => matchesOne(condition, value));
  });
}

/** Evaluates a flat policy (keys are attribute names or dotted body paths) with `$or` groups. */
function policyMatches(policy: Policy, lookup: (key: string) => Scalar[] | undefined): boolean {
  for (const [key, conditions] of Object.entries(policy)) {
    if (key === '$or') {
      const groups = Array.isArray(conditions) ? (conditions as Policy[]) : [];
      if (!groups.some((group) => policyMatches(flattenPolicy(group), lookup))) return false;
    } else if (!keyMatches(conditions, lookup(key))) {
      return false;
    }
  }
  return true;
}

const OPERATORS = ['prefix', 'suffix', 'anything-but', 'numeric', 'exists'];

/** Nested body policies ({"a": {"b": ["x"]}}) become dotted keys ({"a.b": ["x"]}). */
function flattenPolicy(policy: Policy, prefix = ''): Policy {
  const flat: Policy = {};
  for (const [key, value] of Object.entries(policy)) {
    if (key === '$or') {
      flat[key] = value;
      continue;
    }
    const path = prefix ? `${prefix}.${key}` : key;
    const isNested =
      value !== null && typeof value === 'object' && !Array.isArray(value) && !Object.keys(value).some((k) => OPERATORS.includes(k));
    if (isNested) Object.assign(flat, flattenPolicy(value as Policy, path));
    else flat[path] = value;
  }
  return flat;
}

function bodyValues(body: unknown, path: string): Scalar[] | undefined {
  let current: unknown = body;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  if (current === undefined) return undefined;
  if (Array.isArray(current)) return current.filter(isScalar);
  return isScalar(current) ? [current] : undefined;
}

export type FilterScope = 'MessageAttributes' | 'MessageBody';

/** True when a message with these attributes/body would be delivered to a subscription with this policy. */
export function matchesSnsFilterPolicy(
  policy: Policy,
  message: { attributes: Record<string, SnsAttribute>; body: string },
  scope: FilterScope = 'MessageAttributes',
): boolean {
  if (scope === 'MessageBody') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(message.body);
    } catch {
      return false;
    }
    return policyMatches(flattenPolicy(policy), (key) => bodyValues(parsed, key));
  }
  return policyMatches(policy, (key) => {
    const attr = message.attributes[key];
    return attr ? attributeValues(attr) : undefined;
  });
}
