import * as z from 'zod';
import { TagResult } from './tags';

/**
 * An article as newswatch stores and returns it: the normalised input plus its tags.
 * The API returns it, the alert dispatcher parses stream images with it, the tests build it.
 */
export const StoredArticle = z.object({
  id: z.string(),
  title: z.string().optional(),
  body: z.string(),
  url: z.string().optional(),
  canonicalUrl: z.string().optional(),
  source: z.string().optional(),
  language: z.string().optional(),
  publishedAt: z.string(),
  ingestedAt: z.string(),
  expiresAt: z.number().optional(),
  /** A test article (`newswatch smoke`): one day's TTL, not in the person/topic lists, alert marked `test`. */
  test: z.literal(true).optional(),
  /** True when at least one person or topic matched: the stream filter alerts on these only. */
  matched: z.boolean(),
  people: z.array(z.string()),
  topics: z.array(z.string()),
  /** Display names of the matched people at ingest time (id -> name), for readable alerts. */
  personNames: z.record(z.string(), z.string()).default({}),
  tags: TagResult,
  /** The story the article reports (set at ingest; articles stored before stories existed have none). */
  storyId: z.string().optional(),
});
export type StoredArticle = z.infer<typeof StoredArticle>;
