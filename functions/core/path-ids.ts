import * as z from './zod';
import { MAX_ARTICLE_ID_LENGTH } from './article-limits';
import { ValidationFailed } from './errors';
import { Slug } from './slug';
import { isControl, isHighSurrogate, isLowSurrogate } from './text/char-codes';

/** No control characters (C0, DEL, C1) and no lone surrogates: no id newswatch makes or accepts holds them. */
export function hasNoUnsafeCharacters(id: string): boolean {
  return hasNoUnsafeCharactersBut(id, () => false);
}

/**
 * The same, but taking the control characters `allowed` says it may hold (a name's tab or line break, which
 * the matcher reads as a space). A control character that is not whitespace (an escape, a NUL) has no place
 * in text a person or a terminal reads, and a lone surrogate cannot be stored as written.
 */
export function hasNoUnsafeCharactersBut(text: string, allowed: (code: number) => boolean): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((isControl(c) && !allowed(c)) || isLowSurrogate(c)) return false;
    if (isHighSurrogate(c)) {
      if (!isLowSurrogate(text.charCodeAt(i + 1))) return false;
      i++;
    }
  }
  return true;
}
const NO_UNSAFE = 'must not contain control characters or lone surrogates';

/**
 * Whether `id` is a path segment of its own rather than "." or "..": URLs resolve those away (a client
 * asking for /articles/.. asks for /), so an article stored under one could never be fetched.
 */
export const isNotDotSegment = (id: string): boolean => id !== '.' && id !== '..';
const DOT_SEGMENT = 'must not be "." or "..": a URL path cannot name such an article (GET /articles/{id} would never reach it)';

/**
 * An article id, as POST /articles accepts it: 1 to 256 characters (well inside DynamoDB's key limits)
 * that a URL can name. Any other character is allowed (ids are often the article's URL), percent-encoded in the path.
 */
export const ArticleId = z
  .string()
  .check(
    z.trim(),
    z.minLength(1, 'must not be empty'),
    z.maxLength(MAX_ARTICLE_ID_LENGTH, `must be at most ${MAX_ARTICLE_ID_LENGTH} characters`),
    z.refine(hasNoUnsafeCharacters, NO_UNSAFE),
    z.refine(isNotDotSegment, DOT_SEGMENT),
  );

/** Any other `{id}` of a route without a rule of its own (a route added later is still guarded). */
const AnyId = z
  .string()
  .check(
    z.minLength(1, 'must not be empty'),
    z.maxLength(256, 'must be at most 256 characters'),
    z.refine(hasNoUnsafeCharacters, NO_UNSAFE),
  );

const made = (prefix: string, hexDigits: number, what: string) =>
  z.string().check(z.regex(new RegExp(`^${prefix}[0-9a-f]{${hexDigits}}$`), `is not ${what} id (${prefix} and ${hexDigits} hex digits)`));

/** The `{id}` rule per route; ids this API makes have an exact shape, watchlist ids are slugs. */
const PATH_ID_RULES: Readonly<Record<string, z.ZodMiniType<string>>> = {
  'GET /articles/{id}': ArticleId,
  'GET /stories/{id}': made('st_', 24, 'a story'),
  'PUT /watchlist/people/{id}': Slug,
  'DELETE /watchlist/people/{id}': Slug,
  'PUT /watchlist/topics/{id}': Slug,
  'DELETE /watchlist/topics/{id}': Slug,
  'DELETE /subscriptions/{id}': made('sub_', 32, 'a subscription'),
  'DELETE /feeds/{id}': made('feed_', 20, 'a feed'),
};

/** Why `id` is not a valid `{id}` for this route (the API's own rule), or undefined when it is. */
export function pathIdProblem(routeKey: string, id: string): string | undefined {
  const result = (PATH_ID_RULES[routeKey] ?? AnyId).safeParse(id);
  return result.success ? undefined : (result.error.issues[0]?.message ?? 'is not valid');
}

/**
 * Checks every path parameter of a request before any use case sees it: an id that is too long or
 * holds characters no id has is a 400 naming `id` (never quoting it), not a DynamoDB key error.
 */
export function checkPathIds(routeKey: string, params: Readonly<Record<string, string | undefined>> | undefined): void {
  for (const [name, value] of Object.entries(params ?? {})) {
    const rule = name === 'id' ? (PATH_ID_RULES[routeKey] ?? AnyId) : AnyId;
    const result = rule.safeParse(value);
    if (!result.success) {
      const message = result.error.issues[0]?.message ?? 'is not valid';
      throw new ValidationFailed(`Invalid path: ${name}: ${message}`, [{ path: name, message }]);
    }
  }
}
