import { sha256Hex } from '../hash';
import { type StoryFeatures, untitledLead } from './features';
import { canonicalLanguage } from '../text/language-tag';
import { addToProfile, emptyProfile } from './profile';
import type { StoryArticle } from './story';
import type { StoryRecord } from './story';

/** What a story takes from each article that joins it. */
export interface StoryMember {
  id: string;
  title?: string;
  body: string;
  url?: string;
  source?: string;
  language?: string;
  publishedAt: string;
  people: readonly string[];
  topics: readonly string[];
}

/** A new story's id, derived from its first article so a retried ingest names the same story. */
export function newStoryId(firstArticleId: string): string {
  return `st_${sha256Hex(`story\n${firstArticleId}`).slice(0, 24)}`;
}

/**
 * At most this many sources (and languages) are listed on a story, the first in sorted order: each is
 * whatever its article's client sent (up to 500 characters), and a story of thousands of copies naming
 * their own outlets must stay one table item (400 KB), or every article joining it fails to count.
 */
export const MAX_LISTED_SOURCES = 200;

function union(a: readonly string[], b: readonly string[] | undefined, max = Number.POSITIVE_INFINITY): string[] {
  return [...new Set([...a, ...(b ?? [])])].sort().slice(0, max);
}

function titleOf(m: StoryMember): string {
  const title = m.title?.trim();
  if (title) return title;
  const lead = untitledLead(m.body);
  return m.body.slice(lead.start, lead.end).trimEnd();
}

/** The story after `member` joins it (or the new story it starts). Pure; bumps `version`. */
export function withMember(record: StoryRecord | undefined, storyId: string, m: StoryMember, f: StoryFeatures): StoryRecord {
  const base: StoryRecord = record ?? {
    id: storyId,
    title: titleOf(m),
    firstSeenAt: m.publishedAt,
    lastSeenAt: m.publishedAt,
    articleCount: 0,
    sources: [],
    languages: [],
    people: [],
    topics: [],
    firstUrl: m.url ?? null,
    profile: emptyProfile(f.time),
    version: 0,
  };
  const earlier = m.publishedAt < base.firstSeenAt;
  const later = m.publishedAt > base.lastSeenAt;
  return {
    ...base,
    // Named after its earliest article, as its url is: the articles of one batch are decided in no fixed order.
    title: earlier ? titleOf(m) : base.title,
    firstSeenAt: earlier ? m.publishedAt : base.firstSeenAt,
    lastSeenAt: later ? m.publishedAt : base.lastSeenAt,
    firstUrl: earlier && m.url ? m.url : base.firstUrl,
    articleCount: base.articleCount + 1,
    sources: union(base.sources, m.source ? [m.source] : [], MAX_LISTED_SOURCES),
    // The stored ones too: a story saved before languages were made canonical may list `EN`.
    languages: union(base.languages.map(canonicalLanguage), m.language ? [canonicalLanguage(m.language)] : [], MAX_LISTED_SOURCES),
    people: union(base.people, m.people),
    topics: union(base.topics, m.topics),
    profile: addToProfile(base.profile, f),
    version: base.version + 1,
  };
}

/**
 * `withMember(record, storyId, m, f)` where the decision already computed it on `decided.before`: its
 * result is reused when `record` is that state, or that state with other write marks (a story as
 * stored is the decided state with its write's mark added, write-marks.ts; withMember reads no marks
 * and carries them over as they are), so a story write does not count the same article in a second
 * time. Same result, field for field and in the same order; otherwise withMember runs.
 */
export function withMemberAsDecided(
  record: StoryRecord | undefined,
  storyId: string,
  m: StoryMember,
  f: StoryFeatures,
  decided: { before: StoryRecord | undefined; after: StoryRecord },
): StoryRecord {
  const { before, after } = decided;
  if (record === before) return after;
  if (record === undefined || before === undefined || !sameButMarks(record, before, after)) return withMember(record, storyId, m, f);
  // withMember's result has the record's fields in the record's order: the decided values, the record's marks.
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(record)) out[k] = k === MARKS ? record.recentWrites : after[k as keyof StoryRecord];
  return out as StoryRecord;
}

/** The write marks' field: checked against StoryRecord's keys, so renaming the field there fails the type check here. */
const MARKS = 'recentWrites' satisfies keyof StoryRecord;

/**
 * Whether `record` and the decided state `before` hold the same fields, each one identical, but for
 * their write marks; and `after` no other fields (withMember adds none to a stored story).
 */
function sameButMarks(record: StoryRecord, before: StoryRecord, after: StoryRecord): boolean {
  const fields = (r: StoryRecord) => Object.keys(r).filter((k) => k !== MARKS);
  const keys = fields(record);
  if (keys.length !== fields(before).length || keys.length !== fields(after).length) return false;
  return keys.every((k) => record[k as keyof StoryRecord] === before[k as keyof StoryRecord]);
}

export function storyArticleOf(m: StoryMember & { id: string }): StoryArticle {
  return {
    id: m.id,
    title: m.title ?? null,
    url: m.url ?? null,
    source: m.source ?? null,
    publishedAt: m.publishedAt,
    language: m.language ?? null,
  };
}
