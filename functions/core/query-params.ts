import * as z from './zod';

/** `since` and the like: an ISO-8601 date or date-time. */
export const IsoDate = z.union([z.iso.datetime({ offset: true, local: true }), z.iso.date()], {
  error: 'must be an ISO-8601 date or date-time',
});

const LIMIT_RANGE = 'must be a whole number from 1 to 100';
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/** `limit` of every listing route: a whole number from 1 to 100, 20 when absent. */
export const PageLimit = z._default(
  z.coerce
    .number({ error: (issue) => (issue.code === 'invalid_type' ? 'must be a number' : undefined) })
    .check(z.int(LIMIT_RANGE), z.gte(1, LIMIT_RANGE), z.lte(MAX_PAGE_SIZE, LIMIT_RANGE)),
  DEFAULT_PAGE_SIZE,
);
