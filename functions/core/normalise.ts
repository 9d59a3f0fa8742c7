import type { ArticleInput } from './article';
import { sha256Hex } from './hash';
import { hasNonWhitespace } from './article-limits';
import { hiddenCredentials } from './url-credentials';

/** Query parameters that only track where a click came from: the same article with or without them. */
const TRACKING_PARAM = /^(utm_.*|fbclid|gclid)$/i;

/**
 * The canonical form of an article URL, so one story reached through different links gets one id:
 * lower-case scheme and host, no default port, no fragment, no tracking parameters, sorted query,
 * no trailing slash.
 */
export function canonicalUrl(raw: string): string {
  const url = new URL(raw);
  const params = [...url.searchParams].filter(([key]) => !TRACKING_PARAM.test(key));
  params.sort(([ak, av], [bk, bv]) => (ak === bk ? compare(av, bv) : compare(ak, bk)));
  const query = new URLSearchParams(params).toString();
  const path = url.pathname.replace(/\/+$/, '');
  const auth = url.username ? `${url.username}${url.password ? `:${url.password}` : ''}@` : '';
  return `${url.protocol}//${auth}${url.host}${path}${query ? `?${query}` : ''}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The article's id: the client's own id when given, else a hash of the canonical URL, else of the
 * text (whitespace-insensitive), so re-sending the same article always yields the same id.
 */
export function articleId(input: Pick<ArticleInput, 'id' | 'url' | 'title' | 'body'>): string {
  if (input.id) return input.id;
  if (input.url) return sha256Hex(`url\n${canonicalUrl(input.url)}`).slice(0, 32);
  const text = `${squash(input.title ?? '')}\n${squash(input.body)}`;
  return sha256Hex(`text\n${text}`).slice(0, 32);
}

function squash(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}

/**
 * ISO-8601 in UTC with milliseconds, so stored timestamps sort as strings. A date-time without an
 * offset is read as UTC (not as the machine's local time), so the result never depends on where it runs.
 */
export function toUtcIso(value: string): string {
  const hasZone = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(value);
  const isDateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const date = new Date(hasZone || isDateOnly ? value : `${value}Z`);
  if (Number.isNaN(date.getTime())) throw new RangeError(`not an ISO-8601 date: ${value}`);
  return date.toISOString();
}

export interface NormalisedArticle {
  id: string;
  title?: string;
  body: string;
  url?: string;
  canonicalUrl?: string;
  source?: string;
  language?: string;
  publishedAt: string;
  ingestedAt: string;
  /** Epoch seconds (DynamoDB TTL); absent when articles are kept forever. */
  expiresAt?: number;
  /** A test article (`newswatch smoke`): see ArticleInput.test. */
  test?: true;
}

/** A test article expires after one day, whatever the retention: nobody needs it once the smoke test is over. */
export const TEST_ARTICLE_TTL_DAYS = 1;

/** Epoch seconds `days` after `now` (DynamoDB TTL), or undefined for 0 = keep forever. */
function expiryAfter(now: Date, days: number): { expiresAt: number } | undefined {
  return days > 0 ? { expiresAt: Math.floor(now.getTime() / 1000) + days * 86_400 } : undefined;
}

/** Everything ingest derives from a valid input before tagging. `retentionDays` 0 = keep forever. */
export function normaliseArticle(input: ArticleInput, now: Date, retentionDays: number): NormalisedArticle {
  const ingestedAt = now.toISOString();
  return {
    id: articleId(input),
    ...(input.title !== undefined && { title: input.title }),
    body: input.body,
    // Stored and shown without a user name and password written in it (every read key lists the article, every
    // alert carries it); the id above still comes from the url as sent, so a re-send is the same article.
    ...(input.url !== undefined && { url: hiddenCredentials(input.url), canonicalUrl: hiddenCredentials(canonicalUrl(input.url)) }),
    // An empty source (or one of only whitespace) says no more than none: stored as none, never listed on a story.
    ...(input.source !== undefined && hasNonWhitespace(input.source) && { source: input.source }),
    ...(input.language !== undefined && { language: input.language }),
    publishedAt: input.publishedAt ? toUtcIso(input.publishedAt) : ingestedAt,
    ingestedAt,
    ...expiryAfter(now, input.test ? TEST_ARTICLE_TTL_DAYS : retentionDays),
    ...(input.test && { test: true as const }),
  };
}
