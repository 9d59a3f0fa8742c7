import * as z from './zod';

/**
 * Contract slug for person and topic ids. Its own module: alerts, queries and path ids need only this,
 * and importing it from watchlist.ts built every watchlist schema and the built-in topics in each
 * function's cold start.
 */
const SLUG = /^[a-z0-9][a-z0-9-]{0,63}$/;
const NOT_A_SLUG = 'must be a lowercase slug: a-z, 0-9 and "-", at most 64 characters';

export const Slug = z.string().check(z.regex(SLUG, NOT_A_SLUG));

/**
 * A person or topic id in a listing's query string. A parameter given twice reaches the handler joined
 * with a comma (API Gateway and the local runtime alike), which would otherwise read as a bad slug.
 */
export const QuerySlug = z.string().check(
  z.refine((id) => !id.includes(','), { error: 'give one id: a listing takes one person or topic, not several', abort: true }),
  z.regex(SLUG, NOT_A_SLUG),
);
