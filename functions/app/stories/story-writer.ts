import { randomBytes } from 'node:crypto';
import { deleteMovedStoryTags, dropLostStoryTags, getStory, putStoryIfVersion, putStoryTags } from '../../adapters/story-repository';
import type { Table } from '../../adapters/table';
import { RecentCache } from '../../core/recent-cache';
import type { StoryFeatures } from '../../core/stories/features';
import { type StoryMember, withMember, withMemberAsDecided } from '../../core/stories/membership';
import type { StoryRecord } from '../../core/stories/story';
import { holdsWrite, owedWriteMark, withWriteMark } from '../../core/stories/write-marks';
import { rememberStories } from './story-cache';

/**
 * Counts stored articles into their stories: one write in flight per story, and the articles that
 * arrive meanwhile go into the next write together (a breaking story's copies cost one story write
 * per round trip, not one each). Each write is the optimistic put on `version` from the stored state
 * this process last wrote or read; when another writer got there first, the story is read again and
 * the articles merged into that. Only articles whose own conditional put succeeded are ever counted.
 */
const MAX_STORY_WRITES = 5;
const MAX_STORIES = 2_000;
/** A stored state older than this is read again before it is written over (it would likely conflict). */
const MAX_AGE_MS = 30_000;
/** A write's mark: 8 random bytes (16 hex characters), unique among a story's last few writes. */
const WRITE_MARK_BYTES = 8;

export interface Join {
  storyId: string;
  /** True when the decision started this story: no stored state to read before the first write. */
  starts: boolean;
  member: StoryMember & { id: string; expiresAt?: number };
  features: StoryFeatures;
  /** The decision's view: the story it compared with and the result; reused when that is the stored state. */
  decided: { before: StoryRecord | undefined; after: StoryRecord };
}

interface Waiting extends Join {
  resolve: () => void;
  reject: (error: unknown) => void;
}

interface Writer {
  stored: RecentCache<string, StoryRecord>;
  /** Per story with a write in flight, the joins that wait for the next one. */
  queued: Map<string, Waiting[]>;
}

const writerByClient = new WeakMap<Table['doc'], Writer>();

function writerOf(table: Table): Writer {
  let writer = writerByClient.get(table.doc);
  if (!writer) {
    writer = { stored: new RecentCache(MAX_STORIES, MAX_AGE_MS), queued: new Map() };
    writerByClient.set(table.doc, writer);
  }
  return writer;
}

/** Remembers a story as read from the table, as the base of this process's next write of it. */
export function rememberStored(table: Table, records: readonly StoryRecord[]): void {
  const { stored } = writerOf(table);
  for (const r of records) if (r.version >= (stored.get(r.id)?.version ?? 0)) stored.set(r.id, r);
}

/** Counts one stored article into its story; resolves once a story write holding it succeeded. */
export function countIntoStory(table: Table, join: Join): Promise<void> {
  const { queued } = writerOf(table);
  return new Promise<void>((resolve, reject) => {
    const waiting = queued.get(join.storyId);
    if (waiting) waiting.push({ ...join, resolve, reject });
    else {
      queued.set(join.storyId, [{ ...join, resolve, reject }]);
      void drain(table, join.storyId);
    }
  });
}

/** A story write that failed: its mark tells a later re-send whether it landed after all. */
export class StoryWriteFailed extends Error {
  constructor(
    readonly mark: string,
    options: { cause: unknown },
  ) {
    super('The story write failed', options);
  }
}

/** Writes the story's queued joins, a group at a time, until none are left. */
async function drain(table: Table, storyId: string): Promise<void> {
  const { queued } = writerOf(table);
  for (let group = queued.get(storyId)!.splice(0); group.length > 0; group = queued.get(storyId)!.splice(0)) {
    // One mark for every attempt of this group: at most one of them can land (each is conditional on the version it read).
    const mark = randomBytes(WRITE_MARK_BYTES).toString('hex');
    try {
      await writeGroup(table, storyId, group, mark, await baseOf(table, storyId, group));
      for (const j of group) j.resolve();
    } catch (error) {
      writerOf(table).stored.delete(storyId);
      for (const j of group) j.reject(new StoryWriteFailed(mark, { cause: error }));
    }
  }
  queued.delete(storyId);
}

/**
 * Counts in a stored article whose story write (`failedMark`) failed, when the article is re-sent:
 * once, whether that write landed after all (the story holds its mark), an earlier re-send counted it
 * in (the story holds this article's own mark), or neither. Bypasses the queue: it is rare, and the
 * version check keeps it correct beside this process's own writes of the story.
 */
export async function countOwed(table: Table, join: Omit<Join, 'starts' | 'decided'>, failedMark: string): Promise<void> {
  try {
    const current = await getStory(table, join.storyId);
    const mark = owedWriteMark(join.member.id);
    if (current && (holdsWrite(current, failedMark) || holdsWrite(current, mark))) {
      // Counted already; its story-tag entries are put again (idempotent), in case they were never written.
      await putStoryTags(table, undefined, current, join.member.expiresAt);
      return settled(table, undefined, current);
    }
    const decided = { before: current, after: withMember(current, join.storyId, join.member, join.features) };
    await writeGroup(table, join.storyId, [{ ...join, starts: current === undefined, decided }], mark, current);
  } catch (error) {
    // Still owed under the first failed write's mark; this write's own mark is checked too next time.
    throw new StoryWriteFailed(failedMark, { cause: error });
  }
}

async function baseOf(table: Table, storyId: string, group: readonly Join[]): Promise<StoryRecord | undefined> {
  const known = writerOf(table).stored.get(storyId);
  if (known) return known;
  return group[0]!.starts ? undefined : getStory(table, storyId);
}

/**
 * The story with the group's articles counted in, each on the state the previous one left. An article
 * decided on that state (or on it without its write marks: the copies of a breaking story are decided
 * one on the other's provisional state while the write before is in flight) needs no second merge.
 */
function mergedInto(before: StoryRecord | undefined, storyId: string, group: readonly Join[]): StoryRecord {
  return group.reduce<StoryRecord | undefined>((r, j) => withMemberAsDecided(r, storyId, j.member, j.features, j.decided), before)!;
}

async function writeGroup(
  table: Table,
  storyId: string,
  group: readonly Join[],
  mark: string,
  base: StoryRecord | undefined,
): Promise<void> {
  // The story lives as long as its latest article.
  const expiries = group.flatMap((j) => j.member.expiresAt ?? []);
  const expiresAt = expiries.length > 0 ? Math.max(...expiries) : undefined;
  let before = base;
  for (let attempt = 0; attempt < MAX_STORY_WRITES; attempt++) {
    const after = withWriteMark(mergedInto(before, storyId, group), mark);
    await putStoryTags(table, before, after, expiresAt);
    if (await putStoryIfVersion(table, after, before?.version ?? 0, expiresAt)) return settled(table, before, after);
    const current = await getStory(table, storyId);
    // Refused, yet stored: the put landed and its reply was lost (the SDK's retry found the version moved).
    if (current && holdsWrite(current, mark)) return settled(table, before, current);
    await dropLostStoryTags(table, before, after, current);
    before = current;
  }
  throw new Error(`Story ${storyId} kept changing; ${group.length} article(s) were not counted into it`);
}

/** After a story write landed (its new story-tag entries were put before it): remember the stored state, delete the moved-from entries. */
async function settled(table: Table, before: StoryRecord | undefined, stored: StoryRecord): Promise<void> {
  writerOf(table).stored.set(stored.id, stored);
  rememberStories(table, [stored]);
  await deleteMovedStoryTags(table, before, stored);
}
