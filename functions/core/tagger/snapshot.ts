import { HashIndex } from '../text/scan';
import { PeopleMatcher } from './people';
import { PEOPLE_HASH_FIELDS } from './people-tables';
import { TopicMatcher } from './topics';
import { type PackedRoles, Vocab } from './vocab';

/**
 * A built tagger's compiled state as plain data: the fields of its vocabulary, people and topic
 * matchers, copied as they are (Maps, arrays, typed arrays), so it survives structured cloning
 * (`v8.serialize`, `postMessage`) and a restored tagger is the very matcher that was built. The
 * CLI keeps one on disk per watchlist version (docs/tagging.md, "Matcher cache"); restoring it costs a
 * fraction of a build. Field lists are not repeated here: whatever the classes hold is carried.
 */
export interface TaggerSnapshot {
  vocab: Record<string, unknown>;
  people: Record<string, unknown>;
  topics: Record<string, unknown>[];
  /** The watchlist's person ids, in watchlist order (what a tag result names). */
  personIds: string[];
}

/**
 * Fields that are the build's own scratch state or a run's cache: not needed to tag, dropped from a
 * snapshot (the people matcher's Maps are emptied once its tables are compiled).
 */
const BUILD_ONLY = {
  vocab: ['finishing', 'stemmed', 'recent'],
  people: ['registered', 'singles', 'pairs', 'surnamesByFirst', 'persons', 'freezing'],
} as const;
/**
 * The vocabulary's large Maps and per-id lists, carried packed instead (Vocab.packed: typed arrays and a
 * string, which decode at once) or not at all (byKey: the word table finds a key's id).
 */
const PACKED = {
  vocab: ['byKey', 'stems', 'spellings', 'packedStems', 'packedSpellings', 'implies', 'packedImplies', 'roles', 'ownRoles'],
} as const;
/** Lookup tables a matcher derives from its other fields on first use: never carried. */
const DERIVED = { people: ['keyLists'], topics: ['firstById'] } as const;
/** Back-references to the shared vocabulary: re-linked on restore. */
const VOCAB_LINK = 'vocab';
/** The vocabulary's hash tables (class instances: their prototype is set again on restore). */
const HASH_FIELDS = ['full', 'stem3', 'prefix4'] as const;

export function snapshotOf(vocab: Vocab, people: PeopleMatcher, topics: readonly TopicMatcher[], personIds: string[]): TaggerSnapshot {
  const without = (object: object, drop: readonly string[]) => {
    const fields: Record<string, unknown> = { ...object };
    for (const name of drop) delete fields[name];
    return fields;
  };
  return {
    vocab: { ...without(vocab, [...BUILD_ONLY.vocab, ...PACKED.vocab]), ...vocab.packed() },
    people: without(people, [...BUILD_ONLY.people, ...DERIVED.people, VOCAB_LINK]),
    topics: topics.map((t) => without(t, [VOCAB_LINK, ...DERIVED.topics])),
    personIds,
  };
}

/** The matchers again, from a snapshot (validate one read back from storage with TaggerSnapshotShape, snapshot-shape.ts, first). */
export function restoreSnapshot(snapshot: TaggerSnapshot): { vocab: Vocab; people: PeopleMatcher; topics: TopicMatcher[] } {
  const { packedRoles, ...vocabFields } = snapshot.vocab;
  const vocab: Vocab = Object.assign(Object.create(Vocab.prototype), vocabFields, { stemmed: new Set<number>() });
  vocab.unpackRestored(packedRoles as PackedRoles);
  relinkHashIndexes(vocab as unknown as Record<string, unknown>, HASH_FIELDS);
  const tables = { ...(snapshot.people as { tables: Record<string, unknown> }).tables };
  relinkHashIndexes(tables, PEOPLE_HASH_FIELDS);
  const people: PeopleMatcher = Object.assign(Object.create(PeopleMatcher.prototype), snapshot.people, {
    [VOCAB_LINK]: vocab,
    tables,
    registered: new Map(),
    singles: new Map(),
    pairs: new Map(),
    surnamesByFirst: new Map(),
    persons: [],
  });
  const topics: TopicMatcher[] = snapshot.topics.map((t) =>
    Object.assign(Object.create(TopicMatcher.prototype), t, { [VOCAB_LINK]: vocab }),
  );
  return { vocab, people, topics };
}

/** Gives the named fields their HashIndex prototype again (structured cloning keeps only their data). */
function relinkHashIndexes(fields: Record<string, unknown>, names: readonly string[]): void {
  for (const name of names) fields[name] = Object.assign(Object.create(HashIndex.prototype), fields[name]);
}
