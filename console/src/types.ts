/**
 * Shapes the console reads. Articles and the watchlist come from the core zod schemas (type-only
 * imports: nothing of zod reaches the bundle), and so do stories; feeds and sent alerts follow
 * the API contract (their core schemas sit beside Node-only code that the browser build must not type-check).
 */
import type { StoryArticle, StorySummary } from '../../functions/core/stories/story';
import type { StoredArticle } from '../../functions/core/stored-article';
import type { PersonEntry, TopicEntry } from '../../functions/core/watchlist';

export type { PersonEntry, StoryArticle, TopicEntry };
export type Story = StorySummary;

/** An article as the API returns it; `storyId` once the server clusters stories. */
export type Article = StoredArticle & { storyId?: string };

export interface Watchlist {
  people: PersonEntry[];
  topics: (TopicEntry & { exclude?: string[] })[];
}

export type StoryDetail = Story & { articles: StoryArticle[] };

export interface Subscription {
  id: string;
  protocol: string;
  endpoint: string;
  people: string[];
  topics: string[];
  status: string;
  delivery?: string;
  minScore?: number;
  createdAt?: string;
}

export interface Feed {
  id: string;
  url: string;
  source?: string;
  everyMinutes: number;
  lastPolledAt?: string | null;
  /** pending | ok | not_modified | error */
  lastStatus?: string;
  lastHttpStatus?: number;
  lastError?: string;
  articles?: number;
}

export interface SentAlert {
  alertId: string;
  kind: 'article' | 'story' | 'digest';
  storyId?: string;
  articleIds: string[];
  /** A digest's articles left out of articleIds to fit in one table item. */
  omittedArticles?: number;
  people: string[];
  topics: string[];
  ingestedAt?: string;
  publishedAt: string;
  latencyMs?: number;
  messageId?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}
