// Zod-free: the feed poller reads it at init, before any schema is needed.

/**
 * The longest article `url` taken (far beyond any page address in use). The url is in the article's
 * alert twice (the JSON and the e-mail text) and no alert is cut below it: one of a few hundred KB would
 * be accepted and then never alerted (an alert over SNS's 256 KiB is dead-lettered).
 */
export const MAX_URL_LENGTH = 16_384;

/** The longest article `title`, `source` and `language` taken (the feed poller shapes its items to fit). */
export const MAX_TITLE_LENGTH = 2_000;
export const MAX_SOURCE_LENGTH = 500;
export const MAX_LANGUAGE_LENGTH = 35;
export const MIN_LANGUAGE_LENGTH = 2;
/** The longest article id taken (well inside DynamoDB's key limits). */
export const MAX_ARTICLE_ID_LENGTH = 256;
/**
 * The largest request body a newswatch API can be set to take (`MAX_BODY_BYTES`, 1 MiB by default): HTTP
 * APIs cap a payload at 10 MB, so a larger limit could never apply. No article longer than this can be sent,
 * so the CLI reads no longer line of its input.
 */
export const MAX_BODY_LIMIT = 10 * 1024 * 1024;
/** The offline tag command's `url`: any string up to this long (tagging never reads it). */
export const LENIENT_URL_MAX_LENGTH = 4_096;

/**
 * A character other than whitespace (as String.prototype.trim counts it; `\S` is the same set). A
 * `body` of only spaces, tabs and line breaks has nothing to tag or show: it is refused, as an empty one is.
 */
const NOT_WHITESPACE = /\S/;
export const hasNonWhitespace = (text: string): boolean => NOT_WHITESPACE.test(text);
