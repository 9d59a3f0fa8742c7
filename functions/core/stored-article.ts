import * as z from './zod';
import { TagResult } from './tags';

/**
 * An article as newswatch stores and returns it: the normalised input plus its tags.
 * The API returns it, the alert dispatcher parses stream images with it, the tests build it.
 */
export const StoredArticle = z.object({
  id: z.string(),
  title: z.optional(z.string()),
  body: z.string(),
  url: z.optional(z.string()),
  canonicalUrl: z.optional(z.string()),
  source: z.optional(z.string()),
  language: z.optional(z.string()),
  publishedAt: z.string(),
  ingestedAt: z.string(),
  expiresAt: z.optional(z.number()),
  /** A test article (`newswatch smoke`): one day's TTL, not in the person/topic lists, alert marked `test`. */
  test: z.optional(z.literal(true)),
  /** True when at least one person or topic matched: the stream filter alerts on these only. */
  matched: z.boolean(),
  people: z.array(z.string()),
  topics: z.array(z.string()),
  /** Display names of the matched people at ingest time (id -> name), for readable alerts. */
  personNames: z._default(z.record(z.string(), z.string()), {}),
  tags: TagResult,
  /** The story the article reports (set at ingest; articles stored before stories existed have none). */
  storyId: z.optional(z.string()),
});
export type StoredArticle = z.infer<typeof StoredArticle>;

/**
 * What the article's item holds beside the article: the mark of a story write that failed after the
 * article was stored (adapters/article-repository.ts markStoryOwed), and `itemsOwed` when the items that
 * describe it were not written again as its own after it was stored (markItemsOwed), kept out of
 * StoredArticle so no reader of the article sees them.
 */
export const StoryOwedMark = z.object({ storyOwed: z.optional(z.string()), itemsOwed: z.optional(z.boolean()) });
