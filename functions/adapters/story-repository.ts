import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { KeyEntry } from '../core/stories/candidates';
import { decodeKeyEntry, encodeKeyEntry } from '../core/stories/candidates';
import { profileFromStored, storedProfile } from '../core/stories/profile';
import { StoryArticle, StoryRecord } from '../core/stories/story';
import { batchDelete, batchGet, batchPut } from './batch';
import { parseOrSkip } from './skipped-records';
import { keys } from './table-keys';
import { type ItemKey, itemKey, queryPages, sendIfCondition, type Table } from './table';

/** Story index keys outlive the window in which an article can still join a story, then expire. */
const INDEX_KEY_TTL_SECONDS = 14 * 86_400;
/** Members listed by GET /stories/{id}, at most (a story of thousands of copies stays one response). */
export const MAX_LISTED_MEMBERS = 500;

const indexKeyOf = (pk: string) => pk.slice('SKEY#'.length);

/** The story index entries filed under these keys (absent keys are left out). One BatchGetItem for up to 100 keys. */
export async function storyIndexEntries(table: Table, indexKeys: readonly string[]): Promise<Map<string, KeyEntry>> {
  const items = await batchGet(table, [...new Set(indexKeys)].map(keys.storyIndexKey));
  return new Map(items.map((i) => [indexKeyOf(itemKey(i).pk), decodeKeyEntry(i.stories)]));
}

/** A stored story (its profile as core/stories/profile.ts stores it); undefined when it does not parse. */
export function storyFromItem(item: Record<string, unknown>): StoryRecord | undefined {
  return parseOrSkip(StoryRecord, { ...item, profile: profileFromStored(item.profile) }, () => `story ${item.pk}`);
}

/** Stories by id (missing or malformed ones are left out: a story that cannot be read is not a candidate). */
export async function storyRecords(table: Table, ids: readonly string[]): Promise<StoryRecord[]> {
  if (ids.length === 0) return [];
  const items = await batchGet(table, ids.map(keys.story));
  return items.flatMap((i) => storyFromItem(i) ?? []);
}

export async function getStory(table: Table, id: string): Promise<StoryRecord | undefined> {
  const out = await table.doc.send(new GetCommand({ TableName: table.name, Key: keys.story(id), ConsistentRead: true }));
  return out.Item ? storyFromItem(out.Item) : undefined;
}

/**
 * Writes a story's new state if nobody else changed it since `expectedVersion` (0 = it must not exist).
 * Returns false on a conflict: the caller re-reads and merges again.
 */
export async function putStoryIfVersion(table: Table, record: StoryRecord, expectedVersion: number, expiresAt?: number): Promise<boolean> {
  return sendIfCondition(
    table,
    new PutCommand({
      TableName: table.name,
      Item: {
        ...keys.story(record.id),
        kind: 'story',
        ...record,
        profile: storedProfile(record.profile),
        ...(expiresAt !== undefined && { expiresAt }),
      },
      ...(expectedVersion === 0
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': expectedVersion } }),
    }),
  );
}

/**
 * The article's entry in its story's article list (GET /stories/{id}), with the article's expiry. Ingest
 * writes it only where absent (batch.ts, putEachIfAbsent): it describes the first accepted copy.
 */
export function storyMemberItem(storyId: string, member: StoryArticle, expiresAt?: number): Record<string, unknown> {
  return {
    ...keys.storyMember(storyId, member.id, member.publishedAt),
    kind: 'story-member',
    ...member,
    ...(expiresAt !== undefined && { expiresAt }),
  };
}

/** The story index entries that file an article's story under its keys (`filed`: key → entry with the story), for 14 days. */
export function storyKeyItems(filed: ReadonlyMap<string, KeyEntry>): Record<string, unknown>[] {
  const keyExpiry = Math.floor(Date.now() / 1000) + INDEX_KEY_TTL_SECONDS;
  return [...filed].map(([k, entry]) => ({
    ...keys.storyIndexKey(k),
    kind: 'story-key',
    stories: encodeKeyEntry(entry),
    expiresAt: keyExpiry,
  }));
}

export async function writeItems(table: Table, items: readonly Record<string, unknown>[]): Promise<void> {
  if (items.length > 0) await batchPut(table, items);
}

/** A story's articles in publishedAt order (at most MAX_LISTED_MEMBERS). */
export async function storyMembers(table: Table, storyId: string): Promise<StoryArticle[]> {
  const members: StoryArticle[] = [];
  const query = {
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :a)',
    ExpressionAttributeValues: { ':pk': keys.storyPartition(storyId), ':a': 'A#' },
    Limit: MAX_LISTED_MEMBERS,
  };
  await queryPages(table, query, (items) => {
    for (const i of items) {
      // Parsed like every record read back; a damaged member entry is left out of the listing.
      const member = parseOrSkip(StoryArticle, i, () => `story member ${i.pk} ${i.sk}`);
      if (member) members.push(member);
    }
    return members.length >= MAX_LISTED_MEMBERS;
  });
  return members.slice(0, MAX_LISTED_MEMBERS);
}

type TagKind = 'person' | 'topic';
const tagsOf = (r: StoryRecord): [TagKind, string][] => [
  ...r.people.map((id) => ['person', id] as [TagKind, string]),
  ...r.topics.map((id) => ['topic', id] as [TagKind, string]),
];

const moved = (before: StoryRecord | undefined, after: StoryRecord) => before !== undefined && before.lastSeenAt !== after.lastSeenAt;

/**
 * The story-tag entries `after` needs and `before` lacks: one per (story, person/topic) at the story's
 * lastSeenAt (every tag when lastSeenAt moved, else the new ones). Written BEFORE the story itself, so a
 * crash between the two writes never leaves a tag of the stored story unlisted (GET /stories?person=);
 * an entry whose story never got there is recognised on read (its sort key is not the story's
 * lastSeenAt, or the story lacks its tag) and skipped until it expires.
 */
export async function putStoryTags(table: Table, before: StoryRecord | undefined, after: StoryRecord, expiresAt?: number): Promise<void> {
  const puts = neededTagKeys(before, after).map((key) => ({
    ...key,
    kind: 'story-tag',
    storyId: after.id,
    ...(expiresAt !== undefined && { expiresAt }),
  }));
  if (puts.length > 0) await batchPut(table, puts);
}

/** The keys of the entries `putStoryTags(before, after)` puts. */
function neededTagKeys(before: StoryRecord | undefined, after: StoryRecord): ItemKey[] {
  const had = new Set(before ? tagsOf(before).map(([k, id]) => `${k}#${id}`) : []);
  return tagsOf(after)
    .filter(([k, id]) => moved(before, after) || !had.has(`${k}#${id}`))
    .map(([k, id]) => keys.storyTag(k, id, after.id, after.lastSeenAt));
}

/**
 * After a story write that lost to another writer: the entries it put for `after` are deleted when the
 * story has moved past `after`'s lastSeenAt. A story's lastSeenAt never goes back, so no later state
 * can use them, and left they would never be deleted. At or before it, the next attempt writes them again.
 */
export async function dropLostStoryTags(
  table: Table,
  before: StoryRecord | undefined,
  after: StoryRecord,
  current: StoryRecord | undefined,
): Promise<void> {
  if (!current || current.lastSeenAt <= after.lastSeenAt) return;
  const lost = neededTagKeys(before, after);
  if (lost.length > 0) await batchDelete(table, lost);
}

/** Once the story holds `after`: the entries at `before`'s lastSeenAt, when it moved (read as leftovers until deleted). */
export async function deleteMovedStoryTags(table: Table, before: StoryRecord | undefined, after: StoryRecord): Promise<void> {
  if (!before || !moved(before, after)) return;
  const deletes = tagsOf(before).map(([k, id]) => keys.storyTag(k, id, before.id, before.lastSeenAt));
  if (deletes.length > 0) await batchDelete(table, deletes);
}
