import { isoDate } from './iso-date';
import * as z from './zod';

/** `since` and the like: an ISO-8601 date or date-time. */
export const IsoDate = isoDate('must be an ISO-8601 date or date-time');

/**
 * A query parameter given twice reaches the handler joined with a comma (API Gateway and the local
 * runtime alike), which no value of `cursor`, `limit` or `test` holds: say that it was repeated,
 * rather than that the joined value is malformed. `unlessOne`: the one value with a comma of its own
 * (`since`'s comma fraction).
 */
export const givenOnce = (name: string, unlessOne?: RegExp) =>
  z.refine<string>((text) => !text.includes(',') || unlessOne?.test(text) === true, {
    error: `give one ${name}: it was given more than once`,
    abort: true,
  });

/** A date-time whose offset's `+` was decoded as a space: `2026-11-30T07:00:00 03:00`, `… 0300`, `… 03`. */
const OFFSET_PLUS_AS_SPACE = /^(\d{4}-\d{2}-\d{2}[Tt ][\d:.,]+) (\d{2}(?::?\d{2})?)$/;
/** A comma that is a date-time's fraction mark (`…05,5Z`), not two values joined: after the seconds, digits to the end or the offset. */
const FRACTION_COMMA = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2},\d+(?:[Zz]|[+ -]\d{2}(?::?\d{2})?)?$/;

/**
 * `since` in a query string. A `+` there is a space once decoded (API Gateway and the local runtime
 * alike), so `since=2026-11-30T07:00:00+03:00` as typed reaches the handler as `…07:00:00 03:00`. A
 * space before an offset at the end is read back as the offset's `+` it was. A comma is two values
 * joined (the parameter given twice) unless it is the fraction mark after the seconds.
 */
export const QueryIsoDate = z.pipe(
  z.pipe(
    z.string().check(givenOnce('since', FRACTION_COMMA)),
    z.transform((text) => text.replace(OFFSET_PLUS_AS_SPACE, '$1+$2')),
  ),
  IsoDate,
);

const LIMIT_RANGE = 'must be a whole number from 1 to 100';
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/**
 * `limit` of every listing route: a whole number from 1 to 100 in decimal digits, 20 when absent. Read
 * from the text, not coerced: `Number` would take `0x10`, `1e1` or ` 5` for a limit the client never
 * wrote, and give a number too large to be exact two issues with the same message. A parameter given
 * twice reaches the handler joined with a comma (as in QuerySlug).
 */
export const PageLimit = z._default(
  z.pipe(
    z.string().check(
      givenOnce('limit'),
      z.refine((text) => text.trim() !== '' && !Number.isNaN(Number(text)), { error: 'must be a number', abort: true }),
      z.refine((text) => /^[0-9]+$/.test(text) && Number(text) >= 1 && Number(text) <= MAX_PAGE_SIZE, { error: LIMIT_RANGE }),
    ),
    z.transform(Number),
  ),
  DEFAULT_PAGE_SIZE,
);

/**
 * `cursor` of a listing: the `nextCursor` a page returned (the route decodes it). An empty one, as a
 * client that fills in `cursor=` for the first page sends, is named as such rather than by zod's "Too small".
 */
export const QueryCursor = z
  .string()
  .check(
    givenOnce('cursor'),
    z.minLength(1, 'must not be empty: leave cursor out for the first page, then pass the nextCursor a page returned'),
    z.maxLength(1_000, 'not a cursor returned by this API'),
  );

/** `test` of GET /alerts. */
export const QueryBoolean = z.pipe(z.string().check(givenOnce('test')), z.enum(['true', 'false'], { error: 'must be true or false' }));
