import * as z from './zod';

/**
 * Contract slug for person and topic ids. Its own module: alerts, queries and path ids need only this,
 * and importing it from watchlist.ts built every watchlist schema and the built-in topics in each
 * function's cold start.
 */
export const Slug = z
  .string()
  .check(z.regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be a lowercase slug: a-z, 0-9 and "-", at most 64 characters'));
