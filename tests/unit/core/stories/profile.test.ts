import { describe, expect, it } from 'vitest';
import {
  addCounts,
  addToProfile,
  countedKeys,
  emptyProfile,
  PROFILE_LIMITS,
  profileFromStored,
  StoryProfile,
  storedProfile,
} from '../../../../functions/core/stories/profile';
import { storyFeatures } from '../../../../functions/core/stories/features';

const at = Date.parse('2022-12-08T09:00:00Z');

describe('story profile', () => {
  it('refuses a stored profile whose counts are not positive integers', () => {
    const good = { ...emptyProfile(at), words: { senten: 2 } };
    expect(StoryProfile.safeParse(good).success).toBe(true);
    expect(StoryProfile.safeParse({ ...good, words: { senten: 0 } }).success).toBe(false);
    expect(StoryProfile.safeParse({ ...good, names: { grnr: 1.5 } }).success).toBe(false);
    expect(StoryProfile.safeParse({ ...good, numbers: ['7.8'] }).success).toBe(false);
  });

  it("keeps the most frequent words, ties in the story's order then the article's, however many articles join", () => {
    const limit = PROFILE_LIMITS.words;
    const words = (from: number, n: number) => Array.from({ length: n }, (_, i) => `w${String(from + i).padStart(4, '0')}x`).join(' ');
    const first = storyFeatures({ body: words(0, limit + 50), publishedAt: '2022-12-08T09:00:00Z', people: [] });
    const second = storyFeatures({ body: words(limit - 50, 100), publishedAt: '2022-12-08T10:00:00Z', people: [] });
    const profile = addToProfile(addToProfile(emptyProfile(at), first), second);
    const kept = Object.entries(profile.words);
    const keys = (count: number) =>
      kept
        .filter(([, n]) => n === count)
        .map(([k]) => k)
        .sort();
    expect(kept).toHaveLength(limit);
    // The first article's words are cut to its first `limit` (all count 1); the second shares the last
    // 50 of those (count 2), and the story's own words of count 1 fill the rest before the second's new ones.
    expect(keys(2)).toEqual(first.distinctWords.slice(limit - 50, limit).sort());
    expect(keys(1)).toEqual(first.distinctWords.slice(0, limit - 50).sort());
  });

  it("keeps a new story's first words in text order, not key order", () => {
    const limit = PROFILE_LIMITS.words;
    const keys = Array.from({ length: limit + 20 }, (_, i) => `w${String(i).padStart(4, '0')}x`).reverse();
    const f = storyFeatures({ body: keys.join(' '), publishedAt: '2022-12-08T09:00:00Z', people: [] });
    expect(f.distinctWords).not.toEqual([...f.distinctWords].sort());
    expect(Object.keys(addToProfile(emptyProfile(at), f).words)).toEqual(f.distinctWords.slice(0, limit));
  });

  it('cuts a stored story of more words than the limit (150 before 2026-11-30) to its most frequent, however large the counts', () => {
    const limit = PROFILE_LIMITS.words;
    // Counts of 10^12 down: far beyond what a histogram indexed by count can hold.
    const stored = Array.from({ length: 150 }, (_, i) => [`s${String(i).padStart(4, '0')}x`, 1e12 - i] as const);
    const f = storyFeatures({ body: 'alphax bravox charliex deltax', publishedAt: '2022-12-08T09:00:00Z', people: [] });

    const grown = addToProfile({ ...emptyProfile(at), words: Object.fromEntries(stored) }, f).words;

    expect(Object.entries(grown)).toEqual(stored.slice(0, limit));
  });

  it('counts as a map of every count would: same counts, same cut, same order, for stored and built maps alike', () => {
    /** The counting spelled out with a Map of all counts in order (how it was written before 2026-11-30). */
    const spec = (counts: Record<string, number>, values: readonly string[], limit: number) => {
      const next = new Map<string, number>(Object.entries(counts));
      if (next.size === 0) return Object.fromEntries(values.slice(0, limit).map((v) => [v, 1]));
      for (const v of values) next.set(v, (next.get(v) ?? 0) + 1);
      const sorted = [...next.values()].sort((a, b) => b - a);
      const threshold = next.size <= limit ? 0 : sorted[limit - 1]!;
      let tiedKept = limit - sorted.filter((n) => n > threshold).length;
      const kept: [string, number][] = [];
      for (const [k, n] of next) {
        if (n > threshold) kept.push([k, n]);
        else if (n === threshold && tiedKept-- > 0) kept.push([k, n]);
      }
      return Object.fromEntries(kept);
    };
    let seed = 11;
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return Math.floor((seed / 2_147_483_648) * n);
    };
    // Keys that read as whole numbers (listed first by an object), and names an object's prototype has.
    const pool = ['7', '12', '2022', '7.8', 'constructor', 'toString', 'grnr', 'bt', 'senten', 'moscow', 'w1', 'w2', 'w3', 'w4'];
    for (let run = 0; run < 500; run++) {
      const limit = 1 + random(8);
      const large = run % 5 === 0;
      const stored: Record<string, number> = run % 2 === 0 ? {} : Object.create(null);
      for (let i = random(12); i > 0; i--) stored[pool[random(pool.length)]!] = large ? 1e12 - random(3) : 1 + random(4);
      const values = [...new Set(Array.from({ length: random(10) }, () => pool[random(pool.length)]!))];
      const counted = addCounts(stored, values, limit);
      expect(Object.entries(counted)).toEqual(Object.entries(spec(stored, values, limit)));
      // The keys noted as the new map is built are the ones the object lists, whole numbers first.
      expect(countedKeys(counted)).toEqual(Object.keys(counted));
    }
  });

  describe('as stored', () => {
    const words = Array.from({ length: 60 }, (_, i) => `word${i}x`).join(' ');
    const profile = [0, 1, 2].reduce(
      (p, i) =>
        addToProfile(
          p,
          storyFeatures({ body: `${words} extra${i}y more${i}z`, publishedAt: '2022-12-08T09:00:00Z', people: ['viktor-bout'] }),
        ),
      emptyProfile(at),
    );

    it('reads back the profile it was stored from, with its signatures in fewer characters than as lists of numbers', () => {
      expect(profile.signatures).toHaveLength(3);
      const stored = storedProfile(profile);
      expect(StoryProfile.parse(profileFromStored(stored))).toEqual(profile);
      const plain = JSON.stringify(profile);
      expect(plain.length - stored.length).toBeGreaterThan(3 * 100);
    });

    it('reads profiles stored before: signatures as lists of numbers, or the profile as a map', () => {
      expect(StoryProfile.parse(profileFromStored(JSON.stringify(profile)))).toEqual(profile);
      expect(StoryProfile.parse(profileFromStored(profile))).toEqual(profile);
    });

    it('refuses a stored signature that does not hold exactly one signature', () => {
      const stored = JSON.parse(storedProfile(profile));
      for (const bad of ['AAAA', `${stored.signatures[0]}AAAA`, 'not base64!']) {
        const damaged = JSON.stringify({ ...stored, signatures: [bad] });
        expect(StoryProfile.safeParse(profileFromStored(damaged)).success).toBe(false);
      }
      expect(profileFromStored('{not json')).toBeUndefined();
    });
  });
});
