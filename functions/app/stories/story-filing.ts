import { getStory, putStoryIfVersion, refreshStoryTags, storyIndexEntries, storyRecords } from '../../adapters/story-repository';
import type { Table } from '../../adapters/table';
import { type Assignment, assignStory, type StoryLookup } from '../../core/stories/assign';
import { withMember, type StoryMember } from '../../core/stories/membership';
import type { KeyEntry } from '../../core/stories/candidates';
import type { StoryRecord } from '../../core/stories/story';
import type { StoredArticle } from '../../core/stored-article';
import { cachedStories, rememberStories } from './story-cache';

/** Optimistic story updates retried this often before giving up (each retry re-reads the story). */
const MAX_STORY_WRITES = 5;

/** Candidate stories in the order asked (the ranking), from this process's cache where it is current, else one read. */
async function candidateRecords(table: Table, ids: readonly string[], found: ReadonlyMap<string, KeyEntry>): Promise<StoryRecord[]> {
  const { hits, misses } = cachedStories(table, ids, found);
  const read = await storyRecords(table, misses);
  rememberStories(table, read);
  const byId = new Map([...hits, ...read].map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export function tableLookup(table: Table): StoryLookup {
  return { entries: (k) => storyIndexEntries(table, k), records: (ids, found) => candidateRecords(table, ids, found) };
}

export function memberOf(article: StoredArticle): StoryMember & { id: string } {
  return article;
}

export function clusterArticle(table: Table, article: StoredArticle, features: Assignment['features']): Promise<Assignment> {
  return assignStory(tableLookup(table), memberOf(article), features);
}

/**
 * Counts the stored article into its story: an optimistic write of the merged story (version check);
 * when another writer got there first, the story is read again and the article merged into that.
 */
export async function saveStory(table: Table, assignment: Assignment, article: StoredArticle): Promise<void> {
  let before = assignment.before;
  let after = assignment.after;
  for (let attempt = 0; attempt < MAX_STORY_WRITES; attempt++) {
    if (await putStoryIfVersion(table, after, before?.version ?? 0, article.expiresAt)) {
      rememberStories(table, [after]);
      await refreshStoryTags(table, before, after, article.expiresAt);
      return;
    }
    before = await getStory(table, assignment.storyId);
    rememberStories(table, [before]);
    after = withMember(before, assignment.storyId, memberOf(article), assignment.features);
  }
  throw new Error(`Story ${assignment.storyId} kept changing; article ${article.id} was not counted into it`);
}
