import { ALERT_DUE_SHARDS, API_KEYS_PARTITION, TAG_SHARDS } from './table-design';
import { shardOf } from '../core/hash';
import type { ItemKey } from './table';

/** The partition key prefix of article items. */
const ARTICLE_PREFIX = 'ART#';

/** Key builders for the item layout documented in table-design.ts: the only place keys are spelled. */
export const keys = {
  article: (articleId: string) => ({ pk: `${ARTICLE_PREFIX}${articleId}`, sk: 'A' }),
  tagPartition: (kind: 'person' | 'topic', id: string, shard: number) => `TAG#${kind}#${id}#${shard}`,
  tagIndex: (kind: 'person' | 'topic', id: string, articleId: string, publishedAt: string) => ({
    pk: `TAG#${kind}#${id}#${shardOf(articleId, TAG_SHARDS)}`,
    sk: `${publishedAt}#${articleId}`,
  }),
  alertMarker: (articleId: string) => ({ pk: `ALERT#${articleId}`, sk: 'A' }),
  alertDuePartition: (shard: number) => `ALERTDUE#${shard}`,
  /** An alert still owed: written with the article, deleted once its alert is published. */
  alertDue: (articleId: string, ingestedAt: string) => ({
    pk: `ALERTDUE#${shardOf(articleId, ALERT_DUE_SHARDS)}`,
    sk: `${ingestedAt}#${articleId}`,
  }),
  /**
   * An owed item that does not parse, moved out of its shard so no sweep reads it again: one partition
   * (such items are rare), sorted by the owed item's own key.
   */
  parkedDuePartition: 'ALERTPARKED',
  parkedDue: (due: ItemKey) => ({ pk: 'ALERTPARKED', sk: `${due.pk}#${due.sk}` }),
  sentPartition: (day: string, shard: number) => `SENT#${day}#${shard}`,
  sentAlert: (day: string, shard: number, publishedAt: string, alertId: string) => ({
    pk: `SENT#${day}#${shard}`,
    sk: `${publishedAt}#${alertId}`,
  }),
  storyTagPartition: (kind: 'person' | 'topic', id: string, shard: number) => `STAG#${kind}#${id}#${shard}`,
  storyTag: (kind: 'person' | 'topic', id: string, storyId: string, lastSeenAt: string) => ({
    pk: `STAG#${kind}#${id}#${shardOf(storyId, TAG_SHARDS)}`,
    sk: `${lastSeenAt}#${storyId}`,
  }),
  /** `<person|topic>#<id>`: who first brought that id to the story. */
  storyGain: (storyId: string, tag: string) => ({ pk: `STORY#${storyId}`, sk: `G#${tag}` }),
  /** `topic#<id>`: the best score the story has had for that topic since its gain, and which article raised it. */
  storyRaise: (storyId: string, tag: string) => ({ pk: `STORY#${storyId}`, sk: `R#${tag}` }),
  matchPartition: (hour: string, shard: number) => `MATCH#${hour}#${shard}`,
  match: (hour: string, shard: number, ingestedAt: string, articleId: string) => ({
    pk: `MATCH#${hour}#${shard}`,
    sk: `${ingestedAt}#${articleId}`,
  }),
  storyIndexKey: (key: string) => ({ pk: `SKEY#${key}`, sk: 'K' }),
  storyPartition: (storyId: string) => `STORY#${storyId}`,
  story: (storyId: string) => ({ pk: `STORY#${storyId}`, sk: 'S' }),
  storyMember: (storyId: string, articleId: string, publishedAt: string) => ({
    pk: `STORY#${storyId}`,
    sk: `A#${publishedAt}#${articleId}`,
  }),
  apiKeysPartition: API_KEYS_PARTITION,
  apiKey: (keyId: string) => ({ pk: API_KEYS_PARTITION, sk: keyId }),
  subscriptionsPartition: 'SUBS',
  subscription: (subscriptionId: string) => ({ pk: 'SUBS', sk: subscriptionId }),
  /** Which subscription record holds an SNS subscription (one record per endpoint, however many ask at once). */
  subscriptionClaim: (subscriptionArn: string) => ({ pk: `SUBARN#${subscriptionArn}`, sk: 'C' }),
  watchlistPartition: 'WATCHLIST',
  watchlistMeta: { pk: 'WATCHLIST', sk: 'META' },
  person: (id: string) => ({ pk: 'WATCHLIST', sk: `PERSON#${id}` }),
  topic: (id: string) => ({ pk: 'WATCHLIST', sk: `TOPIC#${id}` }),
  feedsPartition: 'FEEDS',
  feed: (feedId: string) => ({ pk: 'FEEDS', sk: feedId }),
} as const;

/** The article id at the end of a tag index sort key `<publishedAt>#<articleId>`. */
export function articleIdOfIndexKey(sk: string): string {
  return sk.slice(sk.indexOf('#') + 1);
}

/** The article id in an article item's partition key `ART#<articleId>`; undefined for any other key. */
export function articleIdOfKey(pk: string | undefined): string | undefined {
  return pk?.startsWith(ARTICLE_PREFIX) ? pk.slice(ARTICLE_PREFIX.length) : undefined;
}
