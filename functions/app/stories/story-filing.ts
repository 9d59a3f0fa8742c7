import { getStory, putStoryIfVersion, refreshStoryTags, storyIndexEntries, storyRecords } from '../../adapters/story-repository';
import type { Table } from '../../adapters/table';
import { type Assignment, assignStory, type StoryLookup } from '../../core/stories/assign';
import { withMember, type StoryMember } from '../../core/stories/membership';
import type { StoredArticle } from '../../core/stored-article';

/** Optimistic story updates retried this often before giving up (each retry re-reads the story). */
const MAX_STORY_WRITES = 5;

export function tableLookup(table: Table): StoryLookup {
  return { entries: (k) => storyIndexEntries(table, k), records: (ids) => storyRecords(table, ids) };
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
      await refreshStoryTags(table, before, after, article.expiresAt);
      return;
    }
    before = await getStory(table, assignment.storyId);
    after = withMember(before, assignment.storyId, memberOf(article), assignment.features);
  }
  throw new Error(`Story ${assignment.storyId} kept changing; article ${article.id} was not counted into it`);
}
