/**
 * Shapes the console reads. Articles and the watchlist come from the core zod schemas (type-only
 * imports: nothing of zod reaches the bundle); stories, alerts and feeds follow the API contract.
 */
import type { StoredArticle } from '../../functions/core/stored-article';
import type { PersonEntry, TopicEntry } from '../../functions/core/watchlist';

export type { PersonEntry, TopicEntry };

/** An article as the API returns it; `storyId` once the server clusters stories. */
export type Article = StoredArticle & { storyId?: string };

export interface Watchlist {
  people: PersonEntry[];
  topics: (TopicEntry & { exclude?: string[] })[];
}

export interface Story {
  id: string;
  title: string;
  firstSeenAt: string;
  lastSeenAt: string;
  articleCount: number;
  sources: string[];
  languages: string[];
  people: string[];
  topics: string[];
}

export interface StoryArticle {
  id: string;
  title?: string;
  url?: string;
  source?: string;
  publishedAt?: string;
  language?: string;
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
  lastPolledAt?: string;
  lastStatus?: string | number;
  lastError?: string;
  articles?: number;
}

export interface SentAlert {
  alertId: string;
  kind: 'article' | 'story' | 'digest';
  storyId?: string;
  articleIds: string[];
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
