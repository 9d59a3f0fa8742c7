import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { buildTaggerSnapshot, createTagger, taggerFromSnapshot } from '../../../../functions/core/tagger';
import { TaggerSnapshotShape } from '../../../../functions/core/tagger/snapshot-shape';
import { hashKey } from '../../../../functions/core/text/word-keys';
import { parseWatchlistJson, type Watchlist } from '../../../../functions/core/watchlist';

const fixtures = join(__dirname, '..', '..', '..', 'fixtures', 'tagger');
// The labelled cases only (never the held-out batches): every kind of article the tagger is tuned for.
const articles = readdirSync(join(fixtures, 'cases'))
  .filter((name) => name.endsWith('.jsonl'))
  .flatMap((name) =>
    readFileSync(join(fixtures, 'cases', name), 'utf8')
      .split('\n')
      .filter(Boolean),
  )
  .map((line) => JSON.parse(line).article as { title?: string; body: string });

const fixtureWatchlist = parseWatchlistJson(readFileSync(join(fixtures, 'watchlist.json'), 'utf8'));
const tricky: Watchlist = {
  people: [
    { id: 'trevor-reed', name: 'Trevor Reed', exclude: ['Lou Reed'] },
    { id: 'juergen-schoebel', name: 'Jürgen Schöbel' },
    { id: 'pavel-durov', name: 'Павел Дуров' },
    { id: 'viktor-bout', name: 'Viktor Bout', aliases: ['V. Bout'], surnameRule: 'established' },
  ],
  topics: [{ id: 'prisoner-exchange' }, { id: 'sanctions', terms: { s: ['sanction*', 'санкци*'] }, rules: [{ all: ['s'], weight: 0.9 }] }],
};

/** What a snapshot becomes after a trip through storage (the CLI's cache writes it with v8.serialize). */
const throughStorage = (w: Watchlist) => TaggerSnapshotShape.parse(deserialize(serialize(buildTaggerSnapshot(w))));

describe('a tagger restored from a snapshot', () => {
  it('tags every labelled case exactly like a freshly built tagger', () => {
    expect(articles.length).toBeGreaterThan(200);
    for (const w of [fixtureWatchlist, tricky]) {
      const built = createTagger(w);
      const restored = taggerFromSnapshot(throughStorage(w));
      for (const article of articles) expect(restored.tag(article)).toEqual(built.tag(article));
    }
  });

  it('finds the people and topics of the watchlist it was taken of', () => {
    const restored = taggerFromSnapshot(throughStorage(tricky));
    const result = restored.tag({ body: 'Jürgen Schöbel met Павел Дуров. New sanctions were announced by Viktor Bout.' });

    expect(result.people.map((p) => p.id)).toEqual(['juergen-schoebel', 'pavel-durov', 'viktor-bout']);
    expect(result.topics.map((t) => t.id)).toEqual(['sanctions']);
  });

  it('finds two words whose keys share a hash (a restored vocabulary reads word ids by hash, then by key)', () => {
    expect(hashKey('vudhsok')).toBe(hashKey('bbvavgv'));
    const w: Watchlist = {
      people: [
        { id: 'anna-vudhsok', name: 'Anna Vudhsok' },
        { id: 'boris-bbvavgv', name: 'Boris Bbvavgv' },
      ],
      topics: [{ id: 'prisoner-exchange' }],
    };
    const article = { body: 'Anna Vudhsok met Boris Bbvavgv. Later Vudhsok and Bbvavgv spoke again.' };
    const restored = taggerFromSnapshot(throughStorage(w)).tag(article);

    expect(restored.people.map((p) => [p.id, p.mentions.length])).toEqual([
      ['anna-vudhsok', 2],
      ['boris-bbvavgv', 2],
    ]);
    expect(restored).toEqual(createTagger(w).tag(article));
  });

  it('finds inflected Russian names (their stems read from the packed tables on first use)', () => {
    const restored = taggerFromSnapshot(throughStorage(tricky));
    const article = { body: 'Встреча с Павлом Дуровым. Дурова спросили о Durov.' };

    expect(restored.tag(article).people.map((p) => [p.id, p.mentions.length])).toEqual([['pavel-durov', 3]]);
    expect(restored.tag(article)).toEqual(createTagger(tricky).tag(article));
  });

  it('tags the same after words it first met in this run got ids of their own (inflections, prefix patterns)', () => {
    const restored = taggerFromSnapshot(throughStorage(tricky));
    const built = createTagger(tricky);
    const articles = [
      { body: 'Встреча с Павлом Дуровым. Новые санкциями и санкциях.' },
      { body: 'Trevor Reed, Jürgen Schöbel, V. Bout and Павел Дуров were named; Lou Reed was not.' },
    ];
    for (const article of [...articles, ...articles]) expect(restored.tag(article)).toEqual(built.tag(article));
  });

  it("reads a word's implied ids from the snapshot: a name word that a topic's prefix pattern also matches", () => {
    const w: Watchlist = {
      people: [{ id: 'ivan-sanctionov', name: 'Ivan Sanctionov' }],
      topics: [{ id: 'sanctions', terms: { s: ['sanction*'] }, rules: [{ all: ['s'], weight: 0.9 }] }],
    };
    const article = { body: 'Ivan Sanctionov met reporters.' };
    const restored = taggerFromSnapshot(throughStorage(w)).tag(article);

    expect(restored.topics.map((t) => t.id)).toEqual(['sanctions']);
    expect(restored).toEqual(createTagger(w).tag(article));
  });

  it('is refused by its shape check when a part is missing or of the wrong kind', () => {
    const good = deserialize(serialize(buildTaggerSnapshot(tricky)));
    expect(TaggerSnapshotShape.safeParse(good).success).toBe(true);

    const noVocabKeys = { ...good, vocab: { ...good.vocab, keys: undefined } };
    const hashAsArray = { ...good, vocab: { ...good.vocab, full: { slots: [], mask: 1 } } };
    const idsNotStrings = { ...good, personIds: [1, 2] };
    const spellingsAsArrays = { ...good, vocab: { ...good.vocab, packedSpellings: { starts: [0], ids: [] } } };
    const stemsAsMap = { ...good, vocab: { ...good.vocab, packedStems: new Map() } };
    const impliesAsLists = { ...good, vocab: { ...good.vocab, packedImplies: [[0], [1]] } };
    const rolesAsArrays = { ...good, vocab: { ...good.vocab, packedRoles: { roles: [0], ownRoles: [0] } } };
    const damaged = [noVocabKeys, hashAsArray, idsNotStrings, spellingsAsArrays, stemsAsMap, impliesAsLists, rolesAsArrays];
    for (const bad of [...damaged, {}, null, 'text']) expect(TaggerSnapshotShape.safeParse(bad).success).toBe(false);
  });
});
