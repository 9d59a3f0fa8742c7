import * as z from './zod';
import { httpUrl } from './http-url';
import {
  hasNonWhitespace,
  LENIENT_URL_MAX_LENGTH,
  MAX_LANGUAGE_LENGTH,
  MAX_SOURCE_LENGTH,
  MAX_TITLE_LENGTH,
  MAX_URL_LENGTH,
  MIN_LANGUAGE_LENGTH,
} from './article-limits';
import { isoDate } from './iso-date';
import { ArticleId } from './path-ids';

/** ISO-8601: a full timestamp (offset or Z, or local) or a plain calendar date (iso-date.ts). */
const IsoDate = isoDate('must be an ISO-8601 date or date-time, e.g. 2012-06-15T12:27:00Z');

export { MAX_URL_LENGTH };

/**
 * `language`'s length. The API also refuses one of only whitespace (it would be stored, and listed in
 * its story's `languages`, as such); the offline tagger, which never reads it, keeps the length alone.
 */
const Language = z.string().check(z.minLength(MIN_LANGUAGE_LENGTH), z.maxLength(MAX_LANGUAGE_LENGTH));

/**
 * An article as clients send it (contract: docs/api.md).
 * Strict: an unknown field is an error at the HTTP boundary, so typos are never silently dropped.
 */
export const ArticleInput = z.strictObject({
  id: z.optional(ArticleId),
  title: z.optional(z.string().check(z.maxLength(MAX_TITLE_LENGTH))),
  body: z
    .string()
    .check(z.minLength(1, { error: 'must not be empty', abort: true }), z.refine(hasNonWhitespace, 'must not be only whitespace')),
  url: z.optional(httpUrl(MAX_URL_LENGTH)),
  // An empty one is taken, and stored as no source (normalise.ts).
  source: z.optional(z.string().check(z.maxLength(MAX_SOURCE_LENGTH))),
  publishedAt: z.optional(IsoDate),
  language: z.optional(Language.check(z.refine(hasNonWhitespace, 'must not be only whitespace: leave language out when it is not known'))),
  /**
   * A test article (`newswatch smoke`): kept for one day only, left out of the person/topic lists,
   * and its alert carries a `test` attribute that subscriptions following every alert skip.
   */
  test: z.optional(z.boolean()),
});
export type ArticleInput = z.infer<typeof ArticleInput>;

/**
 * For the offline `tag` command, which reads whatever scrapers emit: extra fields are dropped, and
 * `url` may be any string (the contract's `url?: string`; tagging never reads it). What the tagger
 * does read (`title`, `body`) and the declared formats keep the strict rules.
 */
export const LenientArticleInput = z.object({
  ...ArticleInput.shape,
  url: z.optional(z.string().check(z.maxLength(LENIENT_URL_MAX_LENGTH))),
  language: z.optional(Language),
});

/** The fields the tagger reads. */
export type TaggableField = 'title' | 'body';
