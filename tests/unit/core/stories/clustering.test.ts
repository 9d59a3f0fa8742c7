import { describe, expect, it } from 'vitest';
import { assignStory } from '../../../../functions/core/stories/assign';
import {
  decodeKeyEntry,
  encodeKeyEntry,
  MAX_CANDIDATES,
  rankCandidates,
  STORIES_PER_KEY,
  mergeEntries,
  withStory,
} from '../../../../functions/core/stories/candidates';
import { skeleton, storyFeatures } from '../../../../functions/core/stories/features';
import { entityLookupKeys, lookupKeys, MAX_LOOKUP_KEYS, writeKeys } from '../../../../functions/core/stories/index-keys';
import { BANDS } from '../../../../functions/core/stories/minhash';
import { MemoryStoryIndex } from '../../../../functions/core/stories/memory-index';
import { PROFILE_LIMITS } from '../../../../functions/core/stories/profile';
import { keyOf } from '../../../../functions/core/text/word-keys';

const wire = {
  id: 'a1',
  title: 'Griner freed in swap for Viktor Bout',
  body: 'WNBA star Brittney Griner was released from Russian custody on Thursday in a prisoner swap for Russian arms dealer Viktor Bout. The exchange took place on the tarmac of an airport in Abu Dhabi.',
  publishedAt: '2022-12-08T09:00:00Z',
  people: ['brittney-griner', 'viktor-bout'],
  topics: ['prisoner-exchange'],
};

/** The wire story told in Russian: the same people and place, in Cyrillic. */
const russianTranslation = (id: string, publishedAt: string): typeof wire => ({
  ...wire,
  id,
  title: 'Виктор Бут освобожден',
  body: 'Виктор Бут освобожден в результате обмена на баскетболистку Бриттни Гринер. Обмен состоялся в аэропорту Абу-Даби.',
  publishedAt,
});

async function cluster(...articles: (typeof wire)[]) {
  const index = new MemoryStoryIndex();
  const ids: string[] = [];
  for (const a of articles) {
    const out = await assignStory(index, a);
    index.save(out.after, out.fileUnder, out.features.time);
    ids.push(out.storyId);
  }
  return { ids, index };
}

/** Files `count` made-up stories (no records) under each key, at the wire's time plus `later` ms. */
function fillKeys(index: MemoryStoryIndex, keys: readonly string[], prefix: string, count: number, later = 0): void {
  const at = Date.parse(wire.publishedAt) + later;
  for (const k of keys) for (let i = 0; i < count; i++) index.keys.set(k, withStory(index.keys.get(k), `${prefix}-${k}-${i}`, at + i));
}

describe('story clustering', () => {
  /** The name skeletons a body of one word gives. */
  const names = (body: string) => storyFeatures({ body, publishedAt: wire.publishedAt, people: [] }).names;

  it('gives a name the same skeleton in Latin and Cyrillic, inflected or not', () => {
    expect(skeleton(keyOf('Dhabi'))).toBe(skeleton(keyOf('Даби')));
    expect(names('Газиантепа')).toEqual(names('Gaziantep'));
  });

  it('keeps the -ов or -ев of a Russian surname in the nominative, so it meets the Latin spelling as its other cases do', () => {
    expect(names('Лавров')).toEqual(names('Lavrov'));
    expect(names('Песков')).toEqual(names('Peskov'));
    expect(names('Лаврова')).toEqual(names('Lavrov'));
    expect(names('Лавровым')).toEqual(names('Lavrov'));
  });

  it('gives an English name in H and its Russian spelling in Х the same skeleton, as a Russian Х and its Latin Kh', () => {
    expect(names('Hubbard')).toEqual(names('Хаббард'));
    expect(names('Heerden')).toEqual(names('Хердена'));
    expect(names('Khodorkovsky')).toEqual(names('Ходорковский'));
    expect(names('Chris')).toEqual(names('Крис'));
    expect(names('Chubais')).toEqual(names('Чубайс'));
    expect(names('Hubbard')).not.toEqual(names('Kubbard'));
  });

  it('takes as names the words that start with a capital in any script, and no word that starts with a digit or a small letter', () => {
    const f = storyFeatures({
      body: 'Gaziantep gaziantep Édouard édouard Газиантеп газиантеп 3Dprint [Bracket] 1990s',
      publishedAt: wire.publishedAt,
      people: [],
    });
    expect(f.names).toEqual([skeleton(keyOf('Bracket')), skeleton(keyOf('Édouard')), skeleton(keyOf('Gaziantep'))].sort());
    // A token whose key starts with a digit is a number's, neither a name nor a content word.
    expect(f.distinctWords).not.toContain(keyOf('3Dprint').slice(0, 6));
    expect(f.distinctWords).toContain(keyOf('gaziantep').slice(0, 6));
  });

  it('puts a wire copy with boilerplate added under another headline in the story of the original', async () => {
    const copy = {
      ...wire,
      id: 'a2',
      title: 'Brittney Griner released',
      body: `${wire.body} Copyright 2022 The Associated Press. All rights reserved.`,
    };
    const { ids } = await cluster(wire, copy);
    expect(ids[1]).toBe(ids[0]);
  });

  it('puts a Russian translation naming the same people, place and day in the same story', async () => {
    const ru = russianTranslation('a3', '2022-12-08T10:00:00Z');
    const { ids } = await cluster(wire, ru);
    expect(ids[1]).toBe(ids[0]);
  });

  it('starts a new story for the same people weeks later (a different event), even with similar wording', async () => {
    const later = { ...wire, id: 'a4', title: 'Griner and Bout, a year on', publishedAt: '2023-01-05T09:00:00Z' };
    const { ids } = await cluster(wire, later);
    expect(ids[1]).not.toBe(ids[0]);
  });

  it('starts a new story for an unrelated article on the same day', async () => {
    const other = {
      ...wire,
      id: 'a5',
      title: 'ECB raises rates',
      body: 'The European Central Bank raised its deposit rate to a record on Thursday as inflation stayed high across the euro zone.',
      people: [],
      topics: [],
    };
    const { ids } = await cluster(wire, other);
    expect(ids[1]).not.toBe(ids[0]);
  });

  it('names a new story after its first article, so a retried ingest gets the same id', async () => {
    const first = await cluster(wire);
    const again = await cluster(wire);
    expect(again.ids[0]).toBe(first.ids[0]);
  });

  it('reads a bounded number of keys and candidate stories, however long the article', () => {
    const names = Array.from({ length: 300 }, (_, i) => `Name${String.fromCharCode(97 + (i % 26))}${i} City${i}`).join(' ');
    const f = storyFeatures({ body: `${names} 1.5 2.5 3.5 44 55`, publishedAt: wire.publishedAt, people: ['a', 'b', 'c', 'd', 'e', 'f'] });
    expect(lookupKeys(f).length).toBeLessThanOrEqual(MAX_LOOKUP_KEYS);
    expect(MAX_CANDIDATES).toBeLessThanOrEqual(10);
  });

  it('finds a translation 40 hours later across the edge of a week, looking up at most two weeks per entity', async () => {
    const early = { ...wire, publishedAt: '2022-12-07T20:00:00Z' };
    const ru = russianTranslation('a6', '2022-12-09T12:00:00Z');
    const { ids } = await cluster(early, ru);
    expect(ids[1]).toBe(ids[0]);
    const weeks = new Set(lookupKeys(storyFeatures(ru)).flatMap((k) => k.split('@')[1] ?? []));
    expect([...weeks].sort()).toEqual(['w2022-12-01', 'w2022-12-08']);
  });

  it('ranks no story whose filing under the keys is further from the article than a story can join from', () => {
    const at = Date.parse('2022-12-08T09:00:00Z');
    const found = new Map<string, Record<string, number>>([
      ['n.bt@w2022-12-08', { near: at - 3_600_000, far: at - 5 * 86_400_000 }],
      ['n.grnr@w2022-12-08', { far: at - 5 * 86_400_000 }],
    ]);
    expect(rankCandidates(found, at)).toEqual(['near']);
  });

  it('keeps an index key to the most recently active stories', () => {
    let entry = withStory(undefined, 's0', 0);
    for (let i = 1; i <= STORIES_PER_KEY + 5; i++) entry = withStory(entry, `s${i}`, i);
    expect(Object.keys(entry)).toHaveLength(STORIES_PER_KEY);
    expect(entry.s0).toBeUndefined();
    expect(entry[`s${STORIES_PER_KEY + 5}`]).toBe(STORIES_PER_KEY + 5);
  });

  it('reads an index entry stored as a string part by part, leaving out each malformed part and only it', () => {
    /** The entry's grammar, spelled out: space-separated `<id>:<time>`, the time an optional minus and 1–12 base-36 digits. */
    const spec = (stored: string) => {
      const entry: Record<string, number> = {};
      for (const part of stored.split(' ')) {
        const cut = part.lastIndexOf(':');
        const time = part.slice(cut + 1);
        if (cut > 0 && /^-?[0-9a-z]{1,12}$/.test(time)) entry[part.slice(0, cut)] = Number.parseInt(time, 36);
      }
      return entry;
    };
    const cases = [
      '',
      ' ',
      'st_a:1k st_b:-2 st_c:zzzzzzzzzzzz',
      'st_a:1k  st_b:2 ',
      ':1 st_a: st_b:1:2 st_c:1A st_d:1234567890abc st_e:- st_f:-x st_g:ab:cd',
      'st_a:1 st_a:2',
      'no-colon st_b:3',
      'st_a:1\nst_b:2',
    ];
    for (const stored of cases) expect(Object.entries(decodeKeyEntry(stored))).toEqual(Object.entries(spec(stored)));
    // And on random strings of the characters the grammar is made of.
    const alphabet = 'st_ab:1z- :AZ';
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    for (let n = 0; n < 2_000; n++) {
      const stored = Array.from({ length: Math.floor(random() * 40) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      expect(Object.entries(decodeKeyEntry(stored))).toEqual(Object.entries(spec(stored)));
    }
  });

  it("works out an article's keys once, each article its own", () => {
    const a = storyFeatures({ ...wire, people: ['viktor-bout'] });
    const b = storyFeatures({ ...wire, publishedAt: '2022-12-20T09:00:00Z', people: [] });
    expect(entityLookupKeys(a)).toBe(entityLookupKeys(a));
    expect(writeKeys(a, false)).toBe(writeKeys(a, false));
    expect(writeKeys(a, true)).toBe(writeKeys(a, true));
    expect(writeKeys(a, true).slice(BANDS)).toEqual(writeKeys(a, false));
    expect(entityLookupKeys(b)).not.toEqual(entityLookupKeys(a));
    expect(new Set(entityLookupKeys(a).flatMap((k) => (k.startsWith('p.') ? [k.split('@')[0]] : [])))).toEqual(new Set(['p.viktor-bout']));
  });

  it('merges two readings of an index key into its most recently active stories only', () => {
    const table = Object.fromEntries(Array.from({ length: STORIES_PER_KEY }, (_, i) => [`t${i}`, i]));
    const filed = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`f${i}`, 100 + i]));
    const merged = mergeEntries(table, filed)!;
    expect(Object.keys(merged)).toHaveLength(STORIES_PER_KEY);
    expect(merged.f4).toBe(104);
    expect(merged.t0).toBeUndefined();
    expect(merged[`t${STORIES_PER_KEY - 1}`]).toBe(STORIES_PER_KEY - 1);
  });

  it('merges a reading that adds nothing into the same stories, in the same order, and takes a later time from either', () => {
    const table = { b: 5, a: 7, c: 1 };
    expect(Object.entries(mergeEntries(table, { a: 7, c: 1 })!)).toEqual([
      ['b', 5],
      ['a', 7],
      ['c', 1],
    ]);
    expect(Object.entries(mergeEntries(table, { c: 3 })!)).toEqual([
      ['b', 5],
      ['a', 7],
      ['c', 3],
    ]);
    expect(Object.entries(mergeEntries(table, { d: 2 })!)).toEqual([
      ['b', 5],
      ['a', 7],
      ['c', 1],
      ['d', 2],
    ]);
  });

  it('keeps the most recent stories of an index key latest first, equal times in the order listed, as a stable sort of all of them does', () => {
    const sorted = (entry: Record<string, number>) =>
      Object.fromEntries(
        Object.entries(entry)
          .sort(([, a], [, b]) => b - a)
          .slice(0, STORIES_PER_KEY),
      );
    let seed = 3;
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return Math.floor((seed / 2_147_483_648) * n);
    };
    for (let run = 0; run < 300; run++) {
      // Times from a few values only: many ties, in every position.
      const entry = Object.fromEntries(Array.from({ length: random(30) }, (_, i) => [`st_${run}_${i}`, random(6)]));
      const other = Object.fromEntries(Array.from({ length: random(25) }, (_, i) => [`st_${run}_${i + random(10)}`, random(6)]));
      const merged = { ...entry };
      for (const [id, at] of Object.entries(other)) merged[id] = Math.max(at, merged[id] ?? 0);
      const expected = Object.keys(merged).length > STORIES_PER_KEY ? sorted(merged) : merged;
      expect(Object.entries(mergeEntries(entry, other)!)).toEqual(Object.entries(expected));
      const filed = { ...entry, st_new: Math.max(3, entry.st_new ?? 0) };
      const expectedFiled = Object.keys(filed).length > STORIES_PER_KEY ? sorted(filed) : filed;
      expect(Object.entries(withStory(entry, 'st_new', 3))).toEqual(Object.entries(expectedFiled));
      // Stored as the list of its stories joined, in the entry's order.
      const listed = (e: Record<string, number>) =>
        Object.entries(e)
          .map(([id, at]) => `${id}:${at.toString(36)}`)
          .join(' ');
      expect(encodeKeyEntry(mergeEntries(entry, other)!)).toBe(listed(expected));
      expect(encodeKeyEntry(withStory(entry, 'st_new', 3))).toBe(listed(expectedFiled));
    }
  });

  it('makes every entry it builds without a prototype, so that story ids added to it make no hidden classes', () => {
    // An ordinary object takes a new hidden class per story id added; these stay hash tables (candidates.ts, newEntry).
    const full = Object.fromEntries(Array.from({ length: STORIES_PER_KEY + 2 }, (_, i) => [`st_${i}`, i]));
    const built = [
      decodeKeyEntry('st_a:1 st_b:2'),
      decodeKeyEntry({ st_a: 1 }),
      decodeKeyEntry(42),
      withStory(undefined, 'st_a', 1),
      withStory({ st_a: 1 }, 'st_b', 2),
      withStory(full, 'st_new', 99),
      mergeEntries({ st_a: 1 }, { st_b: 2 })!,
      mergeEntries(full, { st_a: 1 })!,
    ];
    for (const entry of built) expect(Object.getPrototypeOf(entry)).toBeNull();
  });

  it('cuts an over-full reading of an index key to its most recent stories even when the other adds nothing', () => {
    // An item written whole by another writer (or before the cap) can list more than STORIES_PER_KEY stories.
    const table = Object.fromEntries(Array.from({ length: STORIES_PER_KEY + 3 }, (_, i) => [`t${i}`, i]));
    const merged = mergeEntries(table, { t5: 5 })!;
    expect(Object.keys(merged)).toHaveLength(STORIES_PER_KEY);
    expect(merged.t0).toBeUndefined();
    expect(merged.t5).toBe(5);
  });

  it('files a joining article under its bands only while the story keeps its signature', async () => {
    const copies = Array.from({ length: PROFILE_LIMITS.signatures + 2 }, (_, i) => ({
      ...wire,
      id: `c${i}`,
      // Enough text of its own that every article's signature, and so its bands, differ.
      body: `${wire.body} ${Array.from({ length: 40 }, (_, w) => `note${i}x${w}`).join(' ')}.`,
    }));
    const index = new MemoryStoryIndex();
    // Every entity key busy: the bands are what would find these articles' copies.
    fillKeys(index, writeKeys(storyFeatures(copies[0]!), false), 'busy', STORIES_PER_KEY);
    const bandsFiled: number[] = [];
    for (const c of copies) {
      const out = await assignStory(index, c);
      index.save(out.after, out.fileUnder, out.features.time);
      bandsFiled.push(out.fileUnder.filter((k) => k.startsWith('b')).length);
    }
    expect(new Set([...index.stories.keys()]).size).toBe(1);
    expect(bandsFiled[0]).toBe(BANDS);
    expect(bandsFiled.slice(1, PROFILE_LIMITS.signatures).some((n) => n > 0)).toBe(true);
    expect(bandsFiled.slice(PROFILE_LIMITS.signatures)).toEqual([0, 0]);
  });

  it('files a new story under its entity keys alone while at least two of them are quiet', async () => {
    const index = new MemoryStoryIndex();
    const keys = writeKeys(storyFeatures(wire), false);
    // All but two entity keys busy; the two left hold a few other stories.
    fillKeys(index, keys.slice(2), 'busy', STORIES_PER_KEY);
    fillKeys(index, keys.slice(0, 2), 'few', 4);
    const out = await assignStory(index, wire);
    expect(out.fileUnder.sort()).toEqual([...keys].sort());
    // One more busy key, and the bands are filed too.
    fillKeys(index, keys.slice(1, 2), 'more', STORIES_PER_KEY);
    const again = await assignStory(index, wire);
    expect(again.fileUnder.filter((k) => k.startsWith('b'))).toHaveLength(BANDS);
  });

  it('looks up its bands only when fewer than two entity keys in a week it looks up are quiet', async () => {
    const index = new MemoryStoryIndex();
    const asked: string[][] = [];
    const lookup = {
      entries: (keys: readonly string[]) => {
        asked.push([...keys]);
        return index.entries(keys);
      },
      records: () => [],
    };
    const keys = writeKeys(storyFeatures(wire), false);
    fillKeys(index, keys.slice(2), 'busy', STORIES_PER_KEY);
    await assignStory(lookup, wire);
    expect(asked.flat().filter((k) => k.startsWith('b'))).toEqual([]);
    fillKeys(index, keys.slice(1, 2), 'more', STORIES_PER_KEY);
    asked.length = 0;
    await assignStory(lookup, wire);
    expect(asked).toHaveLength(2);
    expect(asked[1]).toEqual(lookupKeys(storyFeatures(wire)).filter((k) => k.startsWith('b')));
  });

  it('finds a copy through the bands when busy entity keys have pushed its story out', async () => {
    const index = new MemoryStoryIndex();
    const keys = writeKeys(storyFeatures(wire), false);
    fillKeys(index, keys, 'busy', STORIES_PER_KEY);
    const first = await assignStory(index, wire);
    index.save(first.after, first.fileUnder, first.features.time);
    // Newer stories fill every entity key again: the first story is in none of them now.
    fillKeys(index, keys, 'newer', STORIES_PER_KEY, 60_000);
    expect(keys.some((k) => index.keys.get(k)?.[first.storyId] !== undefined)).toBe(false);
    const copy = await assignStory(index, { ...wire, id: 'a2', title: 'Griner released' });
    expect(copy.storyId).toBe(first.storyId);
  });

  it('ranks a story found under a key few stories share above stories found under as many busy keys', () => {
    const at = Date.parse('2022-12-08T09:00:00Z');
    const earlier = at - 3_600_000;
    const busy = (extra: string) => ({
      [extra]: earlier,
      ...Object.fromEntries(Array.from({ length: STORIES_PER_KEY - 1 }, (_, i) => [`s${i}`, at])),
    });
    const found = new Map<string, Record<string, number>>([
      ['n.bt@w2022-12-08', busy('rare')],
      ['d.302@w2022-12-08', { rare: earlier }],
      ['n.grnr@w2022-12-08', busy('x')],
    ]);
    // s0..s18 are under two keys each and filed later; `rare` is under two as well, but one of its keys lists it alone.
    expect(rankCandidates(found, at)[0]).toBe('rare');
  });
});

describe('a story index entry as stored', () => {
  const entry = { st_0123456789abcdef01234567: 1_670_490_000_000, st_fedcba9876543210fedcba98: -86_400_000 };

  it('reads back as the entry it was written from', () => {
    expect(decodeKeyEntry(encodeKeyEntry(entry))).toEqual(entry);
  });

  it('reads an entry stored as a map of story ids to times', () => {
    expect(decodeKeyEntry(entry)).toEqual(entry);
  });

  it('leaves out a malformed story and reads nothing from a value of another type', () => {
    expect(decodeKeyEntry(`${encodeKeyEntry(entry)} st_broken st_x:%% :12`)).toEqual(entry);
    expect(decodeKeyEntry(42)).toEqual({});
    expect(decodeKeyEntry({ st_a: 'soon' })).toEqual({});
  });
});
