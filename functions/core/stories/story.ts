import * as z from '../zod';
import { StoryProfile } from './profile';

/** A story as `GET /stories` lists it (contract: docs/api.md, Stories). */
export const StorySummary = z.object({
  id: z.string(),
  title: z.string(),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  articleCount: z.number().check(z.int(), z.nonnegative()),
  sources: z.array(z.string()),
  languages: z.array(z.string()),
  people: z.array(z.string()),
  topics: z.array(z.string()),
});
export type StorySummary = z.infer<typeof StorySummary>;

/** One article of a story as `GET /stories/{id}` lists it. */
export const StoryArticle = z.object({
  id: z.string(),
  title: z.nullable(z.string()),
  url: z.nullable(z.string()),
  source: z.nullable(z.string()),
  publishedAt: z.string(),
  language: z.nullable(z.string()),
});
export type StoryArticle = z.infer<typeof StoryArticle>;

/**
 * The stored story: the public summary, the first article's url (for digests), the clustering profile,
 * a version for optimistic updates and the marks of its latest writes (write-marks.ts; absent on
 * stories written before they existed).
 */
export const StoryRecord = z.extend(StorySummary, {
  firstUrl: z.nullable(z.string()),
  profile: StoryProfile,
  version: z.number().check(z.int(), z.nonnegative()),
  recentWrites: z.optional(z.array(z.string())),
});
export type StoryRecord = z.infer<typeof StoryRecord>;

export function summaryOf(record: StoryRecord): StorySummary {
  const { firstUrl: _u, profile: _p, version: _v, recentWrites: _w, ...summary } = record;
  return summary;
}
