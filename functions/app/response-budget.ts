import { jsonBytes } from '../core/json-bytes';

/**
 * Lambda answers at most 6 MB: a page of large items (very long articles, digests naming thousands of
 * articles) stops early below that, and its cursor resumes where it stopped.
 */
export const RESPONSE_BUDGET_BYTES = 5_000_000;

/**
 * How many of the leading items fit in the budget, each `sizeOf` bytes (its JSON by default): at least
 * one, so every page moves on.
 */
export function countWithinBudget<T>(
  items: readonly T[],
  sizeOf: (item: T) => number = jsonBytes,
  budget: number = RESPONSE_BUDGET_BYTES,
): number {
  let bytes = 0;
  for (let i = 0; i < items.length; i++) {
    bytes += sizeOf(items[i]!);
    if (i > 0 && bytes > budget) return i;
  }
  return items.length;
}
