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
    const words = (from: number, n: number) => Array.from({ length: n }, (_, i) => `w${String(from + i).padStart(4, '0')}x`).join(' ');
    const first = storyFeatures({ body: words(0, 200), publishedAt: '2022-12-08T09:00:00Z', people: [] });
    const second = storyFeatures({ body: words(100, 200), publishedAt: '2022-12-08T10:00:00Z', people: [] });
    const profile = addToProfile(addToProfile(emptyProfile(at), first), second);
    const kept = Object.entries(profile.words);
    expect(kept).toHaveLength(PROFILE_LIMITS.words);
    // The first article's 200 words are cut to the 150 smallest keys (all count 1: words 0–149); the
    // second brings 100–299, so 100–149 count 2, and the 100 smallest keys of count 1 are words 0–99.
    expect(
      kept
        .filter(([, n]) => n === 2)
        .map(([k]) => k)
        .sort(),
    ).toEqual(first.distinctWords.slice(100, 150).sort());
    expect(
      kept
        .filter(([, n]) => n === 1)
        .map(([k]) => k)
        .sort(),
    ).toEqual(first.distinctWords.slice(0, 100).sort());
  });
});
