import { bandsToLookUp, keysToFile, type KeyEntry, rankCandidates } from './candidates';
import { type StoryFeatures, storyFeatures } from './features';
import { bandLookupKeys, entityLookupKeys } from './index-keys';
import { newStoryId, type StoryMember, withMember } from './membership';
import { PROFILE_LIMITS } from './profile';
import { chooseStory } from './similarity';
import type { StoryRecord } from './story';

/** Where an article's story lives: the two reads the clustering makes, whatever the store. */
export interface StoryLookup {
  entries(keys: readonly string[]): Promise<Map<string, KeyEntry>> | Map<string, KeyEntry>;
  /** `found` (the entries just read) lets a store tell whether a story it holds is still current. */
  records(ids: readonly string[], found: ReadonlyMap<string, KeyEntry>): Promise<StoryRecord[]> | StoryRecord[];
}

/** The outcome of clustering one article: its story as it will be stored, and the index keys to add. */
export interface Assignment {
  storyId: string;
  /** The story before this article (undefined for a new story): what the decision compared with. */
  before: StoryRecord | undefined;
  after: StoryRecord;
  fileUnder: string[];
  features: StoryFeatures;
  /** The index entries read, for filing the article under the keys that do not list its story yet. */
  found: Map<string, KeyEntry>;
}

/** Whether the story keeps the joining article's signature (a new story always does). */
function keepsSignature(before: StoryRecord | undefined): boolean {
  return (before?.profile.signatures.length ?? 0) < PROFILE_LIMITS.signatures;
}

/**
 * The decision alone, pure and synchronous: given the index entries of the article's keys and the
 * candidate stories (any of those ranked; missing ones are not compared), the story it joins or starts.
 * `bandsRead` says whether `found` holds the band keys: an index item is written whole, so the article
 * is filed under its bands only when their entries were read. `ranked` is `rankCandidates` of `found`,
 * when the caller has it already.
 */
export function decideStory(
  member: StoryMember & { id: string },
  features: StoryFeatures,
  found: Map<string, KeyEntry>,
  records: readonly StoryRecord[],
  bandsRead: boolean,
  ranked: readonly string[] = rankCandidates(found, features.time),
): Assignment {
  const byId = new Map(records.map((r) => [r.id, r]));
  const candidates = ranked.flatMap((id) => byId.get(id) ?? []);
  const chosen = chooseStory(
    features,
    candidates.map((c) => ({ id: c.id, profile: c.profile, title: c.title })),
  );
  const before = chosen ? byId.get(chosen) : undefined;
  const storyId = chosen ?? newStoryId(member.id);
  return {
    storyId,
    before,
    after: withMember(before, storyId, member, features),
    fileUnder: keysToFile(features, storyId, found, bandsRead && keepsSignature(before)),
    features,
    found,
  };
}

/**
 * The article's index entries: its entity keys, then its band keys only when those are busy
 * (`bandsToLookUp`, rare). Returns the entries and whether the bands were read.
 */
export async function indexEntries(
  entries: StoryLookup['entries'],
  features: StoryFeatures,
): Promise<{ found: Map<string, KeyEntry>; bandsRead: boolean }> {
  const found = new Map(await entries(entityLookupKeys(features)));
  const bandsRead = bandsToLookUp(features, found);
  if (bandsRead) for (const [k, entry] of await entries(bandLookupKeys(features))) found.set(k, entry);
  return { found, bandsRead };
}

/** Bounded reads (the article's index keys, then at most MAX_CANDIDATES stories), then the pure decision. */
export async function assignStory(
  lookup: StoryLookup,
  member: StoryMember & { id: string },
  features: StoryFeatures = storyFeatures(member),
): Promise<Assignment> {
  const { found, bandsRead } = await indexEntries((keys) => lookup.entries(keys), features);
  const candidates = await lookup.records(rankCandidates(found, features.time), found);
  return decideStory(member, features, found, candidates, bandsRead);
}
