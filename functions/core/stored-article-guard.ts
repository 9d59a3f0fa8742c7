import type { StoredArticle } from './stored-article';

const isString = (v: unknown): v is string => typeof v === 'string';
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);

/**
 * A structural check of an article item read back from the table (e.g. a stream image). Zod-free on
 * purpose, for the alert dispatcher's bundle; the full schema is StoredArticle in stored-article.ts.
 */
export function asStoredArticle(item: Record<string, unknown>): StoredArticle | undefined {
  const tags = item.tags as { people?: unknown; topics?: unknown } | undefined;
  const ok =
    isString(item.id) &&
    isString(item.body) &&
    isString(item.publishedAt) &&
    typeof item.matched === 'boolean' &&
    isStringArray(item.people) &&
    isStringArray(item.topics) &&
    Array.isArray(tags?.people) &&
    Array.isArray(tags?.topics);
  if (!ok) return undefined;
  const { pk: _pk, sk: _sk, kind: _kind, ...article } = item;
  return { ...(article as StoredArticle), personNames: (item.personNames as Record<string, string> | undefined) ?? {} };
}
