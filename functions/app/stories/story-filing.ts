import { storyIndexEntries, storyRecords } from '../../adapters/story-repository';
import type { Table } from '../../adapters/table';
import { type Assignment, decideStory, indexEntries } from '../../core/stories/assign';
import { type KeyEntry, lookupKeys, rankCandidates, withStory } from '../../core/stories/candidates';
import { entityLookupKeys } from '../../core/stories/index-keys';
import { storyFeatures } from '../../core/stories/features';
import type { StoryMember } from '../../core/stories/membership';
import type { StoryRecord } from '../../core/stories/story';
import type { StoredArticle } from '../../core/stored-article';
import { filingsNoted, noteFilings, orderedFilingWrite, withRecentFilings } from './recent-filings';
import { cachedStories, rememberDecided, rememberStories } from './story-cache';
import { countIntoStory, countOwed, rememberStored } from './story-writer';

/** Candidate stories in the order asked (the ranking), from this process's cache where it is current, else one read. */
async function candidateRecords(table: Table, ids: readonly string[], found: ReadonlyMap<string, KeyEntry>): Promise<StoryRecord[]> {
  const { hits, misses } = cachedStories(table, ids, found);
  const read = await storyRecords(table, misses);
  rememberStories(table, read);
  rememberStored(table, read);
  const byId = new Map([...hits, ...read].map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export function memberOf(article: StoredArticle): StoryMember & { id: string } {
  return article;
}

export interface Clustered extends Assignment {
  /** The entries to write for `fileUnder`: each as read (with this process's filings) plus the article's story. */
  filed: ReadonlyMap<string, KeyEntry>;
  /** Runs the write that files the article (it must hold the `fileUnder` items) after earlier writes of the same keys. */
  fileWith: <T>(write: () => Promise<T>) => Promise<T>;
}

/**
 * The article's story: the reads (its entity keys — and its band keys, when those are busy — then the
 * candidate stories) run concurrently with other articles', then one synchronous step merges in what this process decided meanwhile, decides and
 * notes the decision, so every later decision in this process sees it (recent-filings.ts).
 */
export async function clusterArticle(table: Table, article: StoredArticle, features: Assignment['features']): Promise<Clustered> {
  let mergedAt: number | undefined;
  // The bands are read (a second, rare read) when the entity keys, with this process's own filings, are busy.
  const { found: read, bandsRead } = await indexEntries(async (keys) => {
    const entries = await storyIndexEntries(table, keys);
    mergedAt ??= filingsNoted(table);
    return withRecentFilings(table, keys, entries);
  }, features);
  const keys = bandsRead ? lookupKeys(features) : entityLookupKeys(features);
  const ranked = rankCandidates(read, features.time);
  const records = await candidateRecords(table, ranked, read);
  // From here to the return nothing awaits: the decision and its notes are one turn of the event loop.
  // What this process decided while the reads were out is merged in (nothing, when no decision came in between).
  const current = filingsNoted(table) === mergedAt;
  const found = current ? read : withRecentFilings(table, keys, read);
  const ranking = current ? ranked : rankCandidates(found, features.time);
  const fresh = cachedStories(table, ranking, found).hits;
  const assignment = decideStory(memberOf(article), features, found, [...records, ...fresh], bandsRead, ranking);
  rememberDecided(table, assignment.after);
  const filed = new Map(assignment.fileUnder.map((k) => [k, withStory(found.get(k), assignment.storyId, features.time)]));
  noteFilings(table, filed);
  return { ...assignment, filed, fileWith: orderedFilingWrite(table, assignment.fileUnder) };
}

/** Counts the stored article into its story (story-writer.ts: one write in flight per story). */
export function saveStory(table: Table, assignment: Assignment, article: StoredArticle): Promise<void> {
  return countIntoStory(table, {
    storyId: assignment.storyId,
    starts: assignment.before === undefined,
    member: memberOf(article),
    features: assignment.features,
    decided: { before: assignment.before, after: assignment.after },
  });
}

/** Counts a stored article whose story write failed (`failedMark`) into its story, once (story-writer.ts). */
export function saveOwedStory(table: Table, article: StoredArticle & { storyId: string }, failedMark: string): Promise<void> {
  return countOwed(table, { storyId: article.storyId, member: memberOf(article), features: storyFeatures(article) }, failedMark);
}
