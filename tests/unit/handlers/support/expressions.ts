/**
 * DynamoDB's condition, key-condition, filter and update expressions, evaluated on an in-memory item
 * for the fake table: the subset of the grammar the repositories write (comparisons, BETWEEN,
 * attribute_exists / attribute_not_exists / begins_with / contains, AND / OR / NOT and parentheses;
 * SET with if_not_exists, REMOVE, ADD). Parsed, not searched for known strings, so a repository that
 * changes an expression gets the new meaning here too; tests/integration/fake-table-fidelity.test.ts
 * holds the outcomes to dynalite's.
 */
type Item = Record<string, any>;
export interface ExpressionInput {
  names?: Record<string, string>;
  values?: Record<string, unknown>;
}

const TOKEN = /\s*(<>|<=|>=|[=<>(),]|[#:]?[A-Za-z_][\w.]*)/y;

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    if (/^\s*$/.test(text.slice(TOKEN.lastIndex))) break;
    const m = TOKEN.exec(text);
    if (!m) throw new Error(`fake table: cannot read expression "${text}" at ${TOKEN.lastIndex}`);
    tokens.push(m[1]!);
  }
  return tokens;
}

class Reader {
  private at = 0;
  constructor(
    private readonly tokens: string[],
    private readonly input: ExpressionInput,
  ) {}
  peek(): string | undefined {
    return this.tokens[this.at];
  }
  next(): string {
    const t = this.tokens[this.at++];
    if (t === undefined) throw new Error('fake table: expression ended early');
    return t;
  }
  expect(token: string): void {
    const t = this.next();
    if (t.toUpperCase() !== token) throw new Error(`fake table: expected ${token}, found ${t}`);
  }
  done(): boolean {
    return this.at >= this.tokens.length;
  }
  /** An attribute name (`#n` resolved through ExpressionAttributeNames). */
  name(token: string): string {
    if (!token.startsWith('#')) return token;
    const name = this.input.names?.[token];
    if (name === undefined) throw new Error(`fake table: ${token} is not in ExpressionAttributeNames`);
    return name;
  }
  /** An operand's value: `:v` from ExpressionAttributeValues, else the item's attribute. */
  operand(token: string, item: Item): unknown {
    if (token.startsWith(':')) {
      if (!this.input.values || !(token in this.input.values)) throw new Error(`fake table: ${token} has no value`);
      return this.input.values[token];
    }
    return item[this.name(token)];
  }
}

const COMPARE: Record<string, (a: any, b: any) => boolean> = {
  '=': (a, b) => a === b,
  '<>': (a, b) => a !== b,
  '<': (a, b) => a !== undefined && b !== undefined && a < b,
  '<=': (a, b) => a !== undefined && b !== undefined && a <= b,
  '>': (a, b) => a !== undefined && b !== undefined && a > b,
  '>=': (a, b) => a !== undefined && b !== undefined && a >= b,
};

function orExpr(r: Reader, item: Item): boolean {
  let value = andExpr(r, item);
  while (r.peek()?.toUpperCase() === 'OR') {
    r.next();
    const right = andExpr(r, item);
    value = value || right;
  }
  return value;
}

function andExpr(r: Reader, item: Item): boolean {
  let value = notExpr(r, item);
  while (r.peek()?.toUpperCase() === 'AND') {
    r.next();
    const right = notExpr(r, item);
    value = value && right;
  }
  return value;
}

function notExpr(r: Reader, item: Item): boolean {
  if (r.peek()?.toUpperCase() === 'NOT') {
    r.next();
    return !notExpr(r, item);
  }
  return primary(r, item);
}

function primary(r: Reader, item: Item): boolean {
  const token = r.next();
  if (token === '(') {
    const value = orExpr(r, item);
    r.expect(')');
    return value;
  }
  const fn = token.toLowerCase();
  if (fn === 'attribute_exists' || fn === 'attribute_not_exists') {
    r.expect('(');
    const present = item[r.name(r.next())] !== undefined;
    r.expect(')');
    return fn === 'attribute_exists' ? present : !present;
  }
  if (fn === 'begins_with' || fn === 'contains') {
    r.expect('(');
    const subject = r.operand(r.next(), item);
    r.expect(',');
    const part = r.operand(r.next(), item);
    r.expect(')');
    if (fn === 'begins_with') return typeof subject === 'string' && typeof part === 'string' && subject.startsWith(part);
    if (typeof subject === 'string') return typeof part === 'string' && subject.includes(part);
    return (Array.isArray(subject) || subject instanceof Set) && [...subject].includes(part);
  }
  const left = r.operand(token, item);
  const op = r.next();
  if (op.toUpperCase() === 'BETWEEN') {
    const low = r.operand(r.next(), item);
    r.expect('AND');
    const high = r.operand(r.next(), item);
    return COMPARE['>=']!(left, low) && COMPARE['<=']!(left, high);
  }
  const compare = COMPARE[op];
  if (!compare) throw new Error(`fake table: unknown comparison ${op}`);
  return compare(left, r.operand(r.next(), item));
}

/** Whether `item` (an empty object for an absent one) satisfies a condition, key condition or filter. */
export function satisfies(expression: string, item: Item | undefined, input: ExpressionInput): boolean {
  const r = new Reader(tokenize(expression), input);
  const value = orExpr(r, item ?? {});
  if (!r.done()) throw new Error(`fake table: unread rest of "${expression}"`);
  return value;
}

/** Applies an update expression (SET with if_not_exists, REMOVE, ADD) to `item` in place. */
export function applyUpdate(expression: string, item: Item, input: ExpressionInput): void {
  const r = new Reader(tokenize(expression), input);
  let clause = '';
  while (!r.done()) {
    const token = r.next();
    const upper = token.toUpperCase();
    if (upper === 'SET' || upper === 'REMOVE' || upper === 'ADD') {
      clause = upper;
      continue;
    }
    if (token === ',') continue;
    const name = r.name(token);
    if (clause === 'REMOVE') delete item[name];
    else if (clause === 'ADD') item[name] = (item[name] ?? 0) + (r.operand(r.next(), item) as number);
    else if (clause === 'SET') {
      r.expect('=');
      const value = r.next();
      if (value.toLowerCase() === 'if_not_exists') {
        r.expect('(');
        const existing = item[r.name(r.next())];
        r.expect(',');
        const fallback = r.operand(r.next(), item);
        r.expect(')');
        item[name] = existing ?? fallback;
      } else item[name] = r.operand(value, item);
    } else throw new Error(`fake table: update expression "${expression}" starts without SET, REMOVE or ADD`);
  }
}
