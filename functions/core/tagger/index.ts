import type { TaggableField } from '../article';
import { Hits, scan } from '../text/scan';
import type { PersonTag, Span, TagResult, TopicTag } from '../tags';
import type { TopicDefinition, TopicEntry, Watchlist } from '../watchlist';
import { builtinTopics } from './builtin-topics';
import type { FieldScan } from './context';
import { PeopleMatcher, type Candidate, type Mention } from './people';
import { restoreSnapshot, snapshotOf, type TaggerSnapshot } from './snapshot';
import { TopicMatcher, releaseOccurrences } from './topics';
import { Vocab } from './vocab';
import { outsideAddresses, webAddresses } from './web-addresses';
import { visibleSpan } from '../text/visible-span';

export { BUILTIN_TOPIC_IDS, builtinTopics } from './builtin-topics';
export type { TaggerSnapshot } from './snapshot';

/** The fields of an article the tagger reads. */
export interface Taggable {
  title?: string;
  body: string;
}

export interface Tagger {
  tag(article: Taggable): TagResult;
}

/** A topic entry's definition: the built-in one for `{ id }`, else the entry itself. */
export function topicDefinition(entry: TopicEntry): TopicDefinition {
  if ('terms' in entry) return entry;
  const builtin = builtinTopics().find((t) => t.id === entry.id);
  if (!builtin) throw new Error(`unknown built-in topic "${entry.id}"`);
  return entry.exclude?.length ? { ...builtin, exclude: [...(builtin.exclude ?? []), ...entry.exclude] } : builtin;
}

const FIELDS: TaggableField[] = ['title', 'body'];

/**
 * A tagger compiled step by step: a caller that must keep serving while a large watchlist compiles
 * (the ingest function's background rebuild) does the work a slice at a time and yields in between.
 * The result is the same tagger createTagger builds.
 */
export interface TaggerBuild {
  /** Does up to `count` more units of work (a person, a word of the vocabulary's last pass); true once the tagger is ready. */
  step(count: number): boolean;
  /** The tagger (once step returned true). */
  tagger(): Tagger;
  /** Its compiled state as plain data (once step returned true; see buildTaggerSnapshot). */
  snapshot(): TaggerSnapshot;
}

const NOT_READY = 'the tagger is not built yet: step() until it returns true';

export function startTaggerBuild(watchlist: Watchlist): TaggerBuild {
  const vocab = new Vocab(watchlist.people.length);
  const people = new PeopleMatcher([], vocab);
  let next = 0;
  let topics: TopicMatcher[] | undefined;
  let ready: Tagger | undefined;
  return {
    step(count) {
      const end = Math.min(watchlist.people.length, next + count);
      for (; next < end; next++) people.add(watchlist.people[next]!, next);
      if (next < watchlist.people.length) return false;
      // Topics are a few hundred phrases: one step. Their words must be in before the vocabulary's last pass.
      topics ??= watchlist.topics.map((t) => new TopicMatcher(topicDefinition(t), vocab));
      // Then the people matcher's tables (after the vocabulary: ids and roles are final by then).
      if (!ready && vocab.finishStep(count) && people.freezeStep(count)) ready = compiled(personIds(watchlist), vocab, people, topics);
      return ready !== undefined;
    },
    tagger() {
      if (!ready) throw new Error(NOT_READY);
      return ready;
    },
    snapshot() {
      if (!ready || !topics) throw new Error(NOT_READY);
      return snapshotOf(vocab, people, topics, personIds(watchlist));
    },
  };
}

/**
 * Compiles a watchlist into a tagger (docs/tagging.md). Building is proportional to the watchlist;
 * tagging is one pass over each field plus work proportional to the words that matter, whatever
 * the watchlist's size. A tagger is synchronous and reuses its buffers: share one per process.
 */
export function createTagger(watchlist: Watchlist): Tagger {
  const build = startTaggerBuild(watchlist);
  build.step(Number.POSITIVE_INFINITY);
  return build.tagger();
}

const personIds = (watchlist: Watchlist) => watchlist.people.map((p) => p.id);

/**
 * Compiles a watchlist and returns its compiled state as plain data (see snapshot.ts), to be kept and
 * turned back into the same tagger with taggerFromSnapshot, far quicker than building again.
 */
export function buildTaggerSnapshot(watchlist: Watchlist): TaggerSnapshot {
  const build = startTaggerBuild(watchlist);
  build.step(Number.POSITIVE_INFINITY);
  return build.snapshot();
}

/** The tagger a snapshot was taken of (one read back from storage: check it with TaggerSnapshotShape (snapshot-shape.ts) first). */
export function taggerFromSnapshot(snapshot: TaggerSnapshot): Tagger {
  const { vocab, people, topics } = restoreSnapshot(snapshot);
  return compiled(snapshot.personIds, vocab, people, topics);
}

/** The tagger over a finished vocabulary. */
function compiled(ids: readonly string[], vocab: Vocab, people: PeopleMatcher, topics: readonly TopicMatcher[]): Tagger {
  const buffers = { title: new Hits(), body: new Hits() };
  // Reused like the hits (a typed array per field and article would be garbage the collector must chase).
  const usedBuffers = { title: new Uint8Array(0), body: new Uint8Array(0) };

  return {
    tag(article) {
      vocab.trim();
      const fields: FieldScan[] = [];
      for (const field of FIELDS) {
        const text = article[field];
        if (!text) continue;
        const hits = buffers[field];
        scan(text, vocab, hits);
        if (usedBuffers[field].length < hits.n) usedBuffers[field] = new Uint8Array(hits.tok.length);
        const used = usedBuffers[field];
        used.fill(0, 0, hits.n);
        fields.push({ field, text, hits, used });
      }
      const full: Mention[] = [];
      for (const f of fields) people.matchFull(f, full);
      // A person's excluded phrases ("Lou Reed") cancel the mentions they touch, before anyone is established by them.
      const exclusions = people.exclusions(fields);
      // A name inside a web address is a link's slug, not a mention of anyone.
      const addresses = webAddresses(fields);
      const mentions = outsideAddresses(withoutExcluded(full, exclusions), addresses);
      const established = new Set(mentions.map((m) => m.person));
      const candidates: Candidate[] = [];
      for (const f of fields) people.surnameCandidates(f, candidates);
      people.resolveSurnames(outsideAddresses(withoutExcluded(candidates, exclusions), addresses), established, mentions);

      const topicTags: TopicTag[] = [];
      for (const topic of topics) {
        try {
          const byField = fields.map((f) => {
            const occ: Parameters<TopicMatcher['occurrences']>[2] = [];
            topic.occurrences(f, mentions, occ);
            return { field: f.field, text: f.text, occ, sentences: f.hits.sentences };
          });
          const tag = topic.score(byField);
          if (tag) topicTags.push(tag);
        } finally {
          // This topic's occurrences are done with: their objects serve the next topic.
          releaseOccurrences();
        }
      }
      return { people: personTags(ids, mentions, fields), topics: topicTags };
    },
  };
}

/** The mentions (or candidates) that no excluded phrase of their own person overlaps. */
function withoutExcluded<T extends Mention>(found: T[], exclusions: readonly Mention[]): T[] {
  if (exclusions.length === 0) return found;
  return found.filter((m) => !exclusions.some((x) => x.person === m.person && x.field === m.field && x.start < m.end && m.start < x.end));
}

/**
 * The people found, by person (in watchlist order), each with its mentions, the title's first, in text
 * order. One sort of the mentions instead of a Map of lists and two sorts per article.
 */
function personTags(ids: readonly string[], mentions: Mention[], fields: FieldScan[]): PersonTag[] {
  const order = outputOrder(mentions);
  const tags: PersonTag[] = [];
  let spans: Span[] = [];
  for (let i = 0; i < order.length; i++) {
    const m = mentions[order[i]!]!;
    if (i === 0 || m.person !== mentions[order[i - 1]!]!.person) {
      spans = [];
      tags.push({ id: ids[m.person]!, mentions: spans });
    }
    const text = fields.find((f) => f.field === m.field)!.text;
    const { start, end } = visibleSpan(text, m.start, m.end);
    spans.push({ field: m.field, start, end, text: text.slice(start, end) });
  }
  return tags;
}

/** Mentions a list is short enough to sort by insertion (an article names a few dozen people; a long body may name thousands). */
const INSERTION_SORTED = 32;

/** Whether mention a comes before b in the output: by person, the title before the body, then by start. */
const comesBefore = (a: Mention, b: Mention) =>
  a.person !== b.person ? a.person < b.person : a.field !== b.field ? a.field === 'title' : a.start < b.start;

/** The indexes of `mentions` in output order; equal ones keep the order they were found in (a stable sort). */
function outputOrder(mentions: Mention[]): number[] {
  const order: number[] = [];
  if (mentions.length > INSERTION_SORTED) {
    for (let i = 0; i < mentions.length; i++) order.push(i);
    return order.sort((a, b) => (comesBefore(mentions[a]!, mentions[b]!) ? -1 : comesBefore(mentions[b]!, mentions[a]!) ? 1 : 0));
  }
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i]!;
    let k = i;
    for (; k > 0 && comesBefore(m, mentions[order[k - 1]!]!); k--) order[k] = order[k - 1]!;
    order[k] = i;
  }
  return order;
}
