/**
 * Lambda answers at most 6 MB: a page of large items (very long articles, digests naming thousands of
 * articles) stops early below that, and its cursor resumes where it stopped.
 */
export const RESPONSE_BUDGET_BYTES = 5_000_000;

/** How many of the leading items fit in the budget as JSON: at least one, so every page moves on. */
export function countWithinBudget(items: readonly unknown[], budget: number = RESPONSE_BUDGET_BYTES): number {
  let bytes = 0;
  for (let i = 0; i < items.length; i++) {
    bytes += Buffer.byteLength(JSON.stringify(items[i]));
    if (i > 0 && bytes > budget) return i;
  }
  return items.length;
}
