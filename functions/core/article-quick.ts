import {
  hasNonWhitespace,
  LENIENT_URL_MAX_LENGTH,
  MAX_ARTICLE_ID_LENGTH,
  MAX_LANGUAGE_LENGTH,
  MAX_SOURCE_LENGTH,
  MAX_TITLE_LENGTH,
  MIN_LANGUAGE_LENGTH,
} from './article-limits';
import { hasNoUnsafeCharacters, isNotDotSegment } from './path-ids';
import { isHighSurrogate } from './text/char-codes';

/** What the offline tagger reads of an article: `id` as LenientArticleInput returns it (trimmed), `title`, `body`. */
export interface TaggableFields {
  id?: string;
  title?: string;
  body: string;
}

/** The non-empty rule of `body` and `id` (article.ts, path-ids.ts); `body` must also hold a character other than whitespace. */
const NON_EMPTY = 1;

/** Whether no UTF-16 unit of `s` is a high surrogate: then zod counts as many code points as units. */
function hasNoHighSurrogate(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    if (isHighSurrogate(s.charCodeAt(i))) return false;
  }
  return true;
}

/**
 * zod counts a string's length in code points when the answer could differ from its UTF-16 length
 * (minLength: fewer than twice the minimum units; maxLength: more units than the maximum). A string
 * of at least twice the minimum units, or of at most the maximum, passes on units alone; a short one
 * without a high surrogate has as many code points as units (only it is scanned).
 */
const surelyAtLeast = (s: string, min: number) => s.length >= 2 * min || (s.length >= min && hasNoHighSurrogate(s));
const surelyAtMost = (s: string, max: number) => s.length <= max;

const optionalString = (v: unknown, max: number) => v === undefined || (typeof v === 'string' && surelyAtMost(v, max));

/**
 * The tagged fields of `data` (a JSON.parse result) when it certainly passes LenientArticleInput, with
 * the values that schema returns; undefined when it may not (the caller then asks the schema, which
 * also words the messages). Only the common case is taken: every field of the usual types within its
 * limits by UTF-16 length alone, no `publishedAt`. Cheaper than the schema on the tag command's hot
 * path; tests/unit/core/article-quick.test.ts checks it against the schema on generated articles.
 */
export function quickTaggableFields(data: unknown): TaggableFields | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const a = data as Record<string, unknown>;
  const { body, title } = a;
  if (typeof body !== 'string' || !surelyAtLeast(body, NON_EMPTY) || !hasNonWhitespace(body)) return undefined;
  if (!optionalString(title, MAX_TITLE_LENGTH) || !optionalString(a.source, MAX_SOURCE_LENGTH)) return undefined;
  if (!optionalString(a.url, LENIENT_URL_MAX_LENGTH) || a.publishedAt !== undefined) return undefined;
  if (a.test !== undefined && typeof a.test !== 'boolean') return undefined;
  const language = a.language;
  if (
    language !== undefined &&
    !(typeof language === 'string' && surelyAtLeast(language, MIN_LANGUAGE_LENGTH) && surelyAtMost(language, MAX_LANGUAGE_LENGTH))
  )
    return undefined;
  if (a.id === undefined) return { title: title as string | undefined, body };
  if (typeof a.id !== 'string') return undefined;
  const id = a.id.trim();
  if (!surelyAtLeast(id, NON_EMPTY) || !surelyAtMost(id, MAX_ARTICLE_ID_LENGTH)) return undefined;
  if (!hasNoUnsafeCharacters(id) || !isNotDotSegment(id)) return undefined;
  return { id, title: title as string | undefined, body };
}
