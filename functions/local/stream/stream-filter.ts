/**
 * Lambda event-source-mapping filter patterns, evaluated on a DynamoDB stream record the way Lambda
 * does for the forms newswatch uses: nested objects narrow into the record, and an array of values
 * matches when the record's value (or, for an array in the record, any element) equals one of them.
 * Operators (prefix, exists, numeric, anything-but) are not needed by alertStreamFilter and are
 * rejected loudly rather than silently mis-evaluated.
 */
type Pattern = Record<string, unknown>;

function valueMatches(allowed: unknown[], value: unknown): boolean {
  if (value === undefined) return false;
  if (Array.isArray(value)) return value.some((v) => valueMatches(allowed, v));
  return allowed.some((candidate) => {
    if (candidate !== null && typeof candidate === 'object') {
      throw new Error(`Unsupported filter operator ${JSON.stringify(candidate)} (local runtime evaluates exact matches only)`);
    }
    return candidate === value;
  });
}

export function matchesEventFilter(pattern: Pattern, record: unknown): boolean {
  for (const [key, expected] of Object.entries(pattern)) {
    const actual = record !== null && typeof record === 'object' ? (record as Record<string, unknown>)[key] : undefined;
    if (Array.isArray(expected)) {
      if (!valueMatches(expected, actual)) return false;
    } else if (expected !== null && typeof expected === 'object') {
      if (!matchesEventFilter(expected as Pattern, actual)) return false;
    } else {
      throw new Error(`Filter pattern values must be arrays or objects (key "${key}")`);
    }
  }
  return true;
}
