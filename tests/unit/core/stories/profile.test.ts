import { describe, expect, it } from 'vitest';
import { addToProfile, emptyProfile, PROFILE_LIMITS, StoryProfile } from '../../../../functions/core/stories/profile';
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

  it('keeps the most frequent words, ties by key, however many articles join', () => {
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
    // The first article's words are cut to the `limit` smallest keys (all count 1); the second shares
    // the last 50 of those (count 2), and the smallest keys of count 1 fill the rest.
    expect(keys(2)).toEqual(first.distinctWords.slice(limit - 50, limit).sort());
    expect(keys(1)).toEqual(first.distinctWords.slice(0, limit - 50).sort());
  });
});
