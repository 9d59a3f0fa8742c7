/**
 * The one definition of the newswatch table, as plain data.
 * Read by the CDK Storage construct (lib/) and by the local runtime (functions/local/), so that
 * the table on AWS and the one in dynalite can never drift apart. No AWS imports here on purpose.
 *
 * Item layout (single table; see docs/architecture.md for the access patterns):
 *   article        pk ART#<articleId>                      sk A
 *   tag index      pk TAG#<person|topic>#<id>#<shard 0..3>  sk <publishedAt>#<articleId>
 *   alert marker   pk ALERT#<articleId>                    sk A
 *   story index    pk SKEY#<band or entity@week>           sk K       (story id:last filed, one string, 14-day TTL)
 *   story          pk STORY#<storyId>                      sk S       (summary + clustering profile)
 *   story member   pk STORY#<storyId>                      sk A#<publishedAt>#<articleId>
 *   sent alert     pk SENT#<day>#<shard 0..3>               sk <publishedAt>#<alertId>   (what was sent, 30 days)
 *   story gain     pk STORY#<storyId>                      sk G#<person|topic>#<id>   (the article that first brought it, a topic's score)
 *   story raise    pk STORY#<storyId>                      sk R#topic#<id>            (the topic's best score since, the one before, who raised it)
 *                                                           sk R#topic#<id>#<articleId> (that article's own note of its raise, for its retries)
 *   digest match   pk MATCH#<ingest hour>#<shard 0..3>     sk <ingestedAt>#<articleId>  (matched articles, 8 days)
 *   story tag      pk STAG#<person|topic>#<id>#<shard>     sk <lastSeenAt>#<storyId>   (one live entry per story and tag)
 *   api key        pk APIKEYS                              sk <keyId>
 *   subscription   pk SUBS                                 sk <subscriptionId>
 *   sub. claim     pk SUBARN#<SNS subscription ARN>        sk C       (the subscription id holding it)
 *   watchlist      pk WATCHLIST                            sk PERSON#<id> | TOPIC#<id> | META
 *   feed           pk FEEDS                                sk <feedId>
 */
export const tableDesign = {
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  /** Epoch seconds; items carrying it expire (articles and their tag index under the retention setting). */
  timeToLiveAttribute: 'expiresAt',
  /** The alert dispatcher needs the new image only. */
  streamViewType: 'NEW_IMAGE',
} as const;

/**
 * The largest item newswatch writes, measured as its JSON (UTF-8 bytes): DynamoDB refuses an item over
 * 400 KB, and this leaves room for the keys and attribute names. Writers check what a client sent
 * against it first, so a too-large request is a 4xx naming it, never a refused write (a 500).
 */
export const MAX_ITEM_JSON_BYTES = 390_000;

/** Tag index items for one person/topic are spread over this many partitions (write sharding). */
export const TAG_SHARDS = 4;

/** Owed alerts (`ALERTDUE#<shard>`) are spread over this many partitions: ingest writes one per matched article. */
export const ALERT_DUE_SHARDS = 4;

/** The partition of the API key records: the only one the API's authorizer may read (its IAM policy names it). */
export const API_KEYS_PARTITION = 'APIKEYS';

/**
 * Lambda event filter for the alert dispatcher: only newly inserted articles that matched something.
 * Used verbatim by the CDK event source mapping and by the local stream emulator.
 */
export const alertStreamFilter = {
  eventName: ['INSERT'],
  dynamodb: { NewImage: { kind: { S: ['article'] }, matched: { BOOL: [true] } } },
} as const;
